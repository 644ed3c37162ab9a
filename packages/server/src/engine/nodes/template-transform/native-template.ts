import type { TemplateNode } from './native-template-ast.js';
import { NativeEvaluation } from './native-template-evaluator.js';
import { parseNativeTemplate } from './native-template-parser.js';
import { jsonVariables } from './native-template-values.js';

/** A template that renders in this process, without the sandbox (see native-template-parser.ts). */
export interface NativeTemplate {
  /**
   * The output nunjucks in the sandbox would give for these variables, or undefined when this
   * render must go to the sandbox: the data leads where the native renderer does not follow
   * (a prototype, a method, an error), or the output passes `maxChars`.
   */
  render(
    variables: Readonly<Record<string, unknown>>,
    options?: { readonly maxChars?: number },
  ): string | undefined;
}

/** The template compiled for native rendering, or undefined when only the sandbox renders it. */
export function compileNativeTemplate(text: string): NativeTemplate | undefined {
  const nodes = parseNativeTemplate(text);
  return nodes === undefined ? undefined : new ParsedTemplate(nodes);
}

class ParsedTemplate implements NativeTemplate {
  readonly #nodes: readonly TemplateNode[];

  constructor(nodes: readonly TemplateNode[]) {
    this.#nodes = nodes;
  }

  render(variables: Readonly<Record<string, unknown>>, options: { readonly maxChars?: number } = {}) {
    try {
      const evaluation = new NativeEvaluation(
        jsonVariables(variables),
        options.maxChars ?? Number.POSITIVE_INFINITY,
      );
      return evaluation.render(this.#nodes);
    } catch {
      // NotNative, or anything unforeseen (a stack overflow, a value JSON cannot hold): the
      // sandbox renders this one and reports its own error, if any.
      return undefined;
    }
  }
}

/**
 * Compiled templates by text, least recently used first, with the bounds of the sandbox's own
 * cache; a template that is not native is remembered as such, so it is parsed once too.
 */
export class NativeTemplateCache {
  readonly #maxTemplates: number;
  readonly #maxChars: number;
  readonly #entries = new Map<string, NativeTemplate | null>();
  #chars = 0;

  constructor(options: { readonly maxTemplates?: number; readonly maxChars?: number } = {}) {
    this.#maxTemplates = options.maxTemplates ?? 128;
    this.#maxChars = options.maxChars ?? 512 * 1024;
  }

  get(text: string): NativeTemplate | undefined {
    const cached = this.#entries.get(text);
    if (cached !== undefined) {
      this.#entries.delete(text);
      this.#entries.set(text, cached);
      return cached ?? undefined;
    }
    const compiled = compileNativeTemplate(text);
    this.#entries.set(text, compiled ?? null);
    this.#chars += text.length;
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.#maxTemplates && this.#chars <= this.#maxChars) break;
      this.#entries.delete(oldest);
      this.#chars -= oldest.length;
    }
    return compiled;
  }
}
