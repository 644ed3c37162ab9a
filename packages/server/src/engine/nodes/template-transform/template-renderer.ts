import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { SandboxLimits, SandboxResult, ScriptSandbox } from '../sandbox/script-sandbox.js';

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
}

/**
 * Renders Jinja-style templates with nunjucks inside the script sandbox, so a template reaches
 * nothing of the host: nunjucks itself offers no isolation (`"".constructor.constructor` is
 * `Function` wherever it runs).
 */
export class TemplateRenderer {
  #bundle: Promise<string> | undefined;

  /** Reads nunjucks' browser bundle once, when the first template renders. */
  #nunjucks(): Promise<string> {
    this.#bundle ??= readFile(
      createRequire(import.meta.url).resolve('nunjucks/browser/nunjucks.min.js'),
      'utf8',
    );
    return this.#bundle;
  }

  async render(sandbox: ScriptSandbox, request: RenderRequest): Promise<SandboxResult> {
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
}
