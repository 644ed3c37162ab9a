import type { NodeDefinition } from '../node-definition.js';
import { readMappedValues } from '../parse/variable-mapping.js';
import type { SandboxLimits } from '../sandbox/script-sandbox.js';
import { checkOutputs } from './check-outputs.js';
import { type CodeNodeData, parseCodeData } from './code-data.js';

export interface CodeNodeOptions {
  /** Time, memory and stack of one run of the code (defaults: 2 s, 32 MiB, 512 KiB). */
  readonly limits?: Partial<SandboxLimits>;
  /** Longest code accepted in a document. */
  readonly maxCodeChars?: number;
  /** Longest string in the outputs; Dify's default is 80,000 characters. */
  readonly maxStringLength?: number;
}

/**
 * Runs the node's JavaScript `main` in the script sandbox with the mapped variables as its one
 * argument, and checks the object it returns against the declared outputs.
 */
export function createCodeNode(options: CodeNodeOptions = {}): NodeDefinition<CodeNodeData> {
  const maxCodeChars = options.maxCodeChars ?? 100_000;
  const maxStringLength = options.maxStringLength ?? 80_000;
  return {
    type: 'code',
    parse: (data, path) => parseCodeData(data, path, maxCodeChars),
    references: (data) => data.variables.map((variable) => variable.value_selector),
    outputNames: (data) => Object.keys(data.outputs),
    async execute({ node, pool, context }) {
      const inputs = readMappedValues(node.data.variables, (selector) => pool.get(selector));
      if (node.data.code_language !== 'javascript') {
        return {
          status: 'failed',
          inputs,
          error: `code_language ${String(node.data.code_language)} is not supported: Tripline runs JavaScript only`,
        };
      }
      const ran = await context.sandbox.run({
        scripts: [{ filename: 'main.js', source: node.data.code }],
        entry: 'main',
        input: inputs,
        ...(options.limits === undefined ? {} : { limits: options.limits }),
        signal: context.signal,
      });
      if (!ran.ok) return { status: 'failed', inputs, error: `code failed: ${ran.message}` };
      const checked = checkOutputs(node.data.outputs, ran.value, { maxStringLength });
      if (!checked.ok) return { status: 'failed', inputs, error: checked.error };
      return { status: 'succeeded', inputs, outputs: checked.outputs };
    },
  };
}

export const codeNode = createCodeNode();
