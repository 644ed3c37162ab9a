import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import {
  DEFAULT_SANDBOX_LIMITS,
  type SandboxLimits,
  type SandboxResult,
  type ScriptSandbox,
} from '../sandbox/script-sandbox.js';
import { NativeTemplateCache } from './native-template.js';

/**
 * Runs inside the sandbox after nunjucks' browser bundle: Jinja2 syntax (`True`, slices,
 * `dict.items()`), no loaders (no `include` or `extends`), no autoescape, and the Jinja filters
 * nunjucks lacks: `tojson` and `map` (by filter name or by `attribute="a.b"`). The sandbox keeps
 * this scope warm and frozen across renders (`reuse`), so only the cache of compiled templates,
 * hidden in a closure, changes between them.
 */
const RENDERER_SOURCE = `
nunjucks.installJinjaCompat();
// Jinja slices a text into a text; the compat layer slices everything into a list.
var sliceOrLookup = nunjucks.runtime.memberLookup;
nunjucks.runtime.memberLookup = function (obj) {
  var result = sliceOrLookup.apply(this, arguments);
  return arguments.length === 4 && typeof obj === 'string' ? result.join('') : result;
};
var templateEnvironment = new nunjucks.Environment([], { autoescape: false, throwOnUndefined: false });
templateEnvironment.addFilter('tojson', function (value, indent) {
  return JSON.stringify(value === undefined ? null : value, null, indent);
});
templateEnvironment.addFilter('map', function (items) {
  var args = Array.prototype.slice.call(arguments, 1);
  var last = args[args.length - 1];
  var keywords = last && last.__keywords ? args.pop() : {};
  var list = Array.isArray(items) ? items : [];
  if (keywords.attribute !== undefined) {
    var path = String(keywords.attribute).split('.');
    return list.map(function (item) {
      return path.reduce(function (value, key) { return value == null ? undefined : value[key]; }, item);
    });
  }
  var filter = templateEnvironment.getFilter(args[0]);
  return list.map(function (item) { return filter.apply(null, [item].concat(args.slice(1))); });
});
// Compiled templates, least recently used first. Each is frozen whole before its first render,
// so a render cannot leave anything on it for the next one.
var renderTemplate = (function () {
  var MAX_TEMPLATES = 128;
  var MAX_TEMPLATE_CHARS = 512 * 1024;
  var compiled = new Map();
  var compiledChars = 0;
  function freezeDeep(root) {
    var stack = [root];
    while (stack.length > 0) {
      var value = stack.pop();
      if ((typeof value !== 'object' && typeof value !== 'function') || value === null) continue;
      if (Object.isFrozen(value)) continue;
      Object.freeze(value);
      var keys = Reflect.ownKeys(value);
      for (var i = 0; i < keys.length; i++) {
        var found = Object.getOwnPropertyDescriptor(value, keys[i]);
        if ('value' in found) stack.push(found.value); else stack.push(found.get, found.set);
      }
    }
  }
  function templateOf(text) {
    var cached = compiled.get(text);
    if (cached !== undefined) {
      compiled.delete(text);
      compiled.set(text, cached);
      return cached;
    }
    var template = new nunjucks.Template(text, templateEnvironment, undefined, true);
    freezeDeep(template);
    compiled.set(text, template);
    compiledChars += text.length;
    while (compiled.size > MAX_TEMPLATES || compiledChars > MAX_TEMPLATE_CHARS) {
      var oldest = compiled.keys().next().value;
      compiled.delete(oldest);
      compiledChars -= oldest.length;
    }
    return template;
  }
  return function renderTemplate(input) {
    return templateOf(input.template).render(input.variables);
  };
})();
`;

export interface RenderRequest {
  readonly template: string;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly limits?: Partial<SandboxLimits>;
  readonly signal?: AbortSignal;
  /**
   * Longest output the caller accepts. A native render stops past it and leaves the template to
   * the sandbox, whose answer (and failure) the caller then judges as before.
   */
  readonly maxOutputChars?: number;
}

export interface TemplateRendererOptions {
  /** Render templates of the native subset in this process (default true); false: always the sandbox. */
  readonly native?: boolean;
}

/**
 * Renders Jinja-style templates with nunjucks inside the script sandbox, so a template reaches
 * nothing of the host: nunjucks itself offers no isolation (`"".constructor.constructor` is
 * `Function` wherever it runs). Templates of the native subset (variable paths, pure filters,
 * if and for; see native-template-parser.ts) render in this process instead, to the same text,
 * without evaluating anything: a sandbox call costs about a millisecond, a native render
 * microseconds.
 */
export class TemplateRenderer {
  #bundle: Promise<string> | undefined;
  readonly #native: NativeTemplateCache | undefined;

  constructor(options: TemplateRendererOptions = {}) {
    this.#native = options.native === false ? undefined : new NativeTemplateCache();
  }

  /** Reads nunjucks' browser bundle once, when the first template renders. */
  #nunjucks(): Promise<string> {
    this.#bundle ??= readFile(
      createRequire(import.meta.url).resolve('nunjucks/browser/nunjucks.min.js'),
      'utf8',
    );
    return this.#bundle;
  }

  async render(sandbox: ScriptSandbox, request: RenderRequest): Promise<SandboxResult> {
    const native = this.#renderNatively(request);
    if (native !== undefined) return { ok: true, value: native };
    return sandbox.run({
      scripts: [
        { filename: 'nunjucks.js', source: await this.#nunjucks() },
        { filename: 'renderer.js', source: RENDERER_SOURCE },
      ],
      entry: 'renderTemplate',
      reuse: { key: 'nunjucks-renderer' },
      input: { template: request.template, variables: request.variables },
      ...(request.limits === undefined ? {} : { limits: request.limits }),
      ...(request.signal === undefined ? {} : { signal: request.signal }),
    });
  }

  #renderNatively(request: RenderRequest): string | undefined {
    // A cancelled run gets the sandbox's answer to a cancelled call.
    if (this.#native === undefined || request.signal?.aborted === true) return undefined;
    const output = this.#native
      .get(request.template)
      ?.render(request.variables, { maxChars: request.maxOutputChars ?? Number.POSITIVE_INFINITY });
    if (output === undefined) return undefined;
    // The sandbox refuses a result whose JSON is over its limit; JSON is at most 6 characters
    // per character of text, plus the quotes.
    const maxResultChars = request.limits?.maxResultChars ?? DEFAULT_SANDBOX_LIMITS.maxResultChars;
    if (output.length * 6 + 2 > maxResultChars && JSON.stringify(output).length > maxResultChars)
      return undefined;
    return output;
  }
}
