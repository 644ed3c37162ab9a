import type { ParseNodeResult } from '../node-definition.js';
import { DataReader } from '../parse/data-reader.js';

/** Dify's input field types that Tripline runs; files need storage Tripline does not have. */
export const START_VARIABLE_TYPES = [
  'text-input',
  'paragraph',
  'select',
  'number',
  'checkbox',
  'json_object',
] as const;
export type StartVariableType = (typeof START_VARIABLE_TYPES)[number];

const UNSUPPORTED_TYPES: Readonly<Record<string, string>> = {
  file: 'file inputs need file storage, which Tripline does not have',
  'file-list': 'file inputs need file storage, which Tripline does not have',
  external_data_tool: 'external data tools are not supported',
};

/** One input field of Dify's start node (`VariableEntity`). */
export interface StartVariable {
  readonly variable: string;
  readonly label: string;
  readonly type: StartVariableType;
  readonly required: boolean;
  readonly max_length?: number;
  readonly options: readonly string[];
  readonly default?: unknown;
}

export interface StartNodeData {
  readonly variables: readonly StartVariable[];
}

export function parseStartData(data: unknown, path: string): ParseNodeResult<StartNodeData> {
  const reader = DataReader.of(data, path);
  const seen = new Set<string>();
  const variables = reader.list(
    'variables',
    (item) => {
      const variable = item.name('variable');
      const label = item.string('label', { optional: true }) ?? variable;
      const type = readType(item);
      const required = item.boolean('required', false);
      const maxLength = item.number('max_length', { optional: true, integer: true, min: 1 });
      const options = readOptions(item, type);
      if (variable === undefined || label === undefined || type === undefined) return undefined;
      if (seen.has(variable)) return item.fail('variable', `"${variable}" is declared twice`);
      seen.add(variable);
      return item.keep({
        variable,
        label,
        type,
        required,
        ...(maxLength === undefined ? {} : { max_length: maxLength }),
        options,
        ...(item.has('default') ? { default: item.value.default } : {}),
      });
    },
    { optional: true },
  );
  return reader.result({ variables });
}

function readType(item: DataReader): StartVariableType | undefined {
  const raw = item.value.type;
  const unsupported = typeof raw === 'string' ? UNSUPPORTED_TYPES[raw] : undefined;
  if (unsupported !== undefined)
    return item.fail('type', `"${String(raw)}" is not supported: ${unsupported}`);
  return item.oneOf('type', START_VARIABLE_TYPES);
}

function readOptions(item: DataReader, type: StartVariableType | undefined): string[] {
  const options = item.array('options', { optional: true }) ?? [];
  if (!options.every((option) => typeof option === 'string')) {
    item.fail('options', 'must be a list of strings');
    return [];
  }
  if (type === 'select' && options.length === 0)
    item.fail('options', 'must offer at least one option for a select');
  return options as string[];
}
