import { VALUE_TYPES } from '../../variables/value-types.js';
import type { ParseNodeResult } from '../node-definition.js';
import { DataReader } from '../parse/data-reader.js';
import { readMappings, type VariableMapping } from '../parse/variable-mapping.js';

/** Code outputs take Dify's value types. */
export const CODE_OUTPUT_TYPES = VALUE_TYPES;
export type CodeOutputType = (typeof CODE_OUTPUT_TYPES)[number];

export interface CodeOutput {
  readonly type: CodeOutputType;
  /** For an object: the fields it must have, checked like outputs. */
  readonly children?: Readonly<Record<string, CodeOutput>>;
}

/** Dify's code node, JavaScript only. */
export interface CodeNodeData {
  readonly variables: readonly VariableMapping[];
  readonly code_language: 'javascript';
  /** Defines `function main({...inputs}) { return {...outputs}; }`. */
  readonly code: string;
  readonly outputs: Readonly<Record<string, CodeOutput>>;
}

function readOutputs(reader: DataReader, key: string, depth: number): Record<string, CodeOutput> {
  const outputs = reader.object(key);
  if (outputs === undefined) return {};
  const result: Array<[string, CodeOutput]> = [];
  for (const name of Object.keys(outputs.value)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) {
      outputs.fail(
        name,
        'is not a valid output name: use letters, digits and underscores, not starting with a digit',
      );
      continue;
    }
    const output = outputs.object(name);
    const type = output?.oneOf('type', CODE_OUTPUT_TYPES);
    if (output === undefined || type === undefined) continue;
    const hasChildren = type === 'object' && output.has('children');
    if (hasChildren && depth >= 5) {
      output.fail('children', 'nest at most 5 levels deep');
      continue;
    }
    const children = hasChildren ? readOutputs(output, 'children', depth + 1) : undefined;
    result.push([name, output.keep({ type, ...(children === undefined ? {} : { children }) })]);
  }
  return Object.fromEntries(result);
}

export function parseCodeData(
  data: unknown,
  path: string,
  maxCodeChars: number,
): ParseNodeResult<CodeNodeData> {
  const reader = DataReader.of(data, path);
  const variables = readMappings(reader, 'variables', { optional: true });
  const language = reader.value.code_language;
  if (language === 'python3') {
    reader.fail(
      'code_language',
      'python3 is not supported: Tripline runs JavaScript only (code_language: javascript)',
    );
  } else {
    reader.oneOf('code_language', ['javascript'] as const);
  }
  const code = reader.string('code', { nonEmpty: true, maxLength: maxCodeChars });
  const outputs = readOutputs(reader, 'outputs', 1);
  if (code === undefined) return reader.failed();
  return reader.result({ variables, code_language: 'javascript', code, outputs });
}
