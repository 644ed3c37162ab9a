import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { SandboxLimits, SandboxResult, ScriptSandbox } from '../sandbox/script-sandbox.js';

/**
 * Runs inside the sandbox after nunjucks' browser bundle: Jinja2 syntax (`True`, slices,
 * `dict.items()`), no loaders (no `include` or `extends`), no autoescape, and the Jinja filters
 * nunjucks lacks: `tojson` and `map` (by filter name or by `attribute="a.b"`).
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
function renderTemplate(input) {
  return templateEnvironment.renderString(input.template, input.variables);
}
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
      input: { template: request.template, variables: request.variables },
      ...(request.limits === undefined ? {} : { limits: request.limits }),
      ...(request.signal === undefined ? {} : { signal: request.signal }),
    });
  }
}
