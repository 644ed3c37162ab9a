import { afterAll } from 'vitest';
import type { SandboxResult } from '../sandbox/script-sandbox.js';
import { createWorkerSandbox } from '../sandbox/worker-sandbox.js';
import { compileNativeTemplate } from './native-template.js';
import { TemplateRenderer } from './template-renderer.js';

/** What nunjucks in the sandbox and the native renderer make of one template and its variables. */
export interface BothRenders {
  readonly sandbox: SandboxResult;
  /** False when the template is not in the native subset. */
  readonly compiled: boolean;
  /** The native output, or undefined when the native renderer handed the render to the sandbox. */
  readonly native: string | undefined;
}

/**
 * A sandbox for the file's tests, closed after them, and a way to render a template both in it
 * (the reference: nunjucks as the template node always ran it) and natively.
 */
export function differentialRenderer(): {
  readonly both: (template: string, variables: Readonly<Record<string, unknown>>) => Promise<BothRenders>;
  readonly sandboxed: TemplateRenderer;
  readonly sandbox: ReturnType<typeof createWorkerSandbox>;
} {
  const sandbox = createWorkerSandbox({ maxWorkers: 2 });
  afterAll(() => sandbox.close());
  const sandboxed = new TemplateRenderer({ native: false });
  return {
    sandbox,
    sandboxed,
    async both(template, variables) {
      const reference = await sandboxed.render(sandbox, { template, variables });
      const native = compileNativeTemplate(template);
      return { sandbox: reference, compiled: native !== undefined, native: native?.render(variables) };
    },
  };
}

/** Shows a template and its variables in a failure message. */
export function describeCase(template: string, variables: Readonly<Record<string, unknown>>): string {
  return `${JSON.stringify(template)} with ${JSON.stringify(variables, (_key, value: unknown) =>
    value === undefined
      ? '(undefined)'
      : typeof value === 'number' && !Number.isFinite(value)
        ? String(value)
        : value,
  )}`;
}
