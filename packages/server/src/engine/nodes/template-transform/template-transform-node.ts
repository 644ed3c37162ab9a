import type { NodeDefinition } from '../node-definition.js';
import { DataReader } from '../parse/data-reader.js';
import { readMappedValues, readMappings, type VariableMapping } from '../parse/variable-mapping.js';
import type { SandboxLimits } from '../sandbox/script-sandbox.js';
import { TemplateRenderer } from './template-renderer.js';

/** Dify's template node: Jinja2 over named variables of earlier nodes. */
export interface TemplateTransformNodeData {
  readonly variables: readonly VariableMapping[];
  readonly template: string;
}

export interface TemplateTransformOptions {
  /** Longest template accepted in a document. */
  readonly maxTemplateChars?: number;
  /** Longest output; Dify's default is 80,000 characters. */
  readonly maxOutputChars?: number;
  readonly limits?: Partial<SandboxLimits>;
}

export function createTemplateTransformNode(
  options: TemplateTransformOptions = {},
): NodeDefinition<TemplateTransformNodeData> {
  const maxTemplateChars = options.maxTemplateChars ?? 100_000;
  const maxOutputChars = options.maxOutputChars ?? 80_000;
  const renderer = new TemplateRenderer();
  return {
    type: 'template-transform',
    parse(data, path) {
      const reader = DataReader.of(data, path);
      const variables = readMappings(reader, 'variables', { optional: true });
      const template = reader.string('template', { maxLength: maxTemplateChars });
      if (template === undefined) return reader.failed();
      return reader.result({ variables, template });
    },
    references: (data) => data.variables.map((variable) => variable.value_selector),
    outputNames: () => ['output'],
    async execute({ node, pool, context }) {
      const variables = readMappedValues(node.data.variables, (selector) => pool.get(selector));
      const rendered = await renderer.render(context.sandbox, {
        template: node.data.template,
        variables,
        ...(options.limits === undefined ? {} : { limits: options.limits }),
        signal: context.signal,
        maxOutputChars,
      });
      if (!rendered.ok)
        return { status: 'failed', inputs: variables, error: `template failed: ${rendered.message}` };
      const output = typeof rendered.value === 'string' ? rendered.value : String(rendered.value);
      if (output.length > maxOutputChars) {
        return {
          status: 'failed',
          inputs: variables,
          error: `template output is ${output.length} characters long, over the limit of ${maxOutputChars}`,
        };
      }
      return { status: 'succeeded', inputs: variables, outputs: { output } };
    },
  };
}

export const templateTransformNode = createTemplateTransformNode();
