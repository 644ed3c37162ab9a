import { describe, expect, it } from 'vitest';
import { compileNativeTemplate } from './native-template.js';
import { describeCase, differentialRenderer } from './native-template.test-helpers.js';
import { INHERITED_NAMES } from './native-template-values.js';
import { TemplateRenderer } from './template-renderer.js';

const { both, sandbox } = differentialRenderer();

const variables = {
  o: { a: 1 },
  s: 'text',
  n: 5,
  b: true,
  nil: null,
  list: [1, 2],
  // Own keys that shadow inherited names, as JSON.parse makes them from a webhook body.
  data: JSON.parse(
    '{"__proto__": {"polluted": "yes"}, "constructor": "own", "toString": "own too", "valueOf": 1}',
  ),
  constructor: 'a variable named constructor',
};

/** Lookups that reach a prototype in nunjucks: the sandbox answers them, never the host. */
const PROTOTYPE_TEMPLATES: readonly string[] = [
  '{{ o.constructor }}',
  '{{ o.__proto__ }}',
  '{{ o["constructor"] }}',
  '{{ o.constructor.constructor }}',
  '{{ o.hasOwnProperty }}',
  '{{ o.toString }}',
  '{{ o.keys }}',
  '{{ o.items }}',
  '{{ s.constructor }}',
  '{{ s.split }}',
  '{{ s.__proto__.length }}',
  '{{ n.toFixed }}',
  '{{ b.valueOf }}',
  '{{ list.constructor }}',
  '{{ list.pop }}',
  '{{ list.map }}',
  '{{ __proto__ }}',
  '{{ toString }}',
  '{{ range }}',
  '{{ list | join(",", "constructor") }}',
  '{% for i in list %}{{ loop.constructor }}{% endfor %}',
  '{% if o.constructor %}reached{% endif %}',
  '{{ data }}',
];

describe('native templates and prototypes', () => {
  it.each(PROTOTYPE_TEMPLATES)('leaves %j to the sandbox, which keeps it inside', async (template) => {
    const result = await both(template, variables);
    expect(result.compiled).toBe(true);
    expect(result.native, describeCase(template, variables)).toBeUndefined();
    const rendered = await new TemplateRenderer().render(sandbox, { template, variables });
    expect(rendered).toEqual(result.sandbox);
    // What the sandbox shows of a function is its own engine's (QuickJS) text, never the host's.
    if (rendered.ok) expect(String(rendered.value)).not.toMatch(/process|require|globalThis/);
  });

  it('reads own keys named like inherited ones as plain data, as the sandbox does', async () => {
    const template =
      '{{ data.constructor }}|{{ data.toString }}|{{ data.__proto__.polluted }}|{{ data.valueOf }}|{{ constructor }}';
    const result = await both(template, variables);
    expect(result.native).toBe('own|own too|yes|1|a variable named constructor');
    expect(result.sandbox).toEqual({ ok: true, value: result.native });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('renders a lookup on a missing value as nothing, prototype name or not', async () => {
    const result = await both(
      '[{{ missing.constructor }}{{ nil.__proto__ }}{{ o.nope.constructor }}]',
      variables,
    );
    expect(result.native).toBe('[]');
    expect(result.sandbox).toEqual({ ok: true, value: '[]' });
  });

  it('leaves a variable named __proto__ to the sandbox', () => {
    const withProto = JSON.parse('{"__proto__": {"x": 1}}') as Record<string, unknown>;
    expect(compileNativeTemplate('{{ x }}')?.render(withProto)).toBeUndefined();
  });

  it("knows every name the sandbox engine's prototypes hold", async () => {
    const result = await sandbox.run({
      scripts: [
        {
          filename: 'names.js',
          source: `function names() {
            function chain(value) {
              var found = [];
              for (var at = Object.getPrototypeOf(value); at !== null; at = Object.getPrototypeOf(at))
                found = found.concat(Object.getOwnPropertyNames(at));
              return found;
            }
            return { object: chain({}), array: chain([]), string: chain(''), number: chain(0), boolean: chain(true) };
          }`,
        },
      ],
      entry: 'names',
      input: null,
    });
    if (!result.ok) throw new Error(result.message);
    const sandboxNames = result.value as Record<keyof typeof INHERITED_NAMES, string[]>;
    for (const type of Object.keys(INHERITED_NAMES) as (keyof typeof INHERITED_NAMES)[]) {
      expect(sandboxNames[type].length, type).toBeGreaterThan(5);
      expect(
        sandboxNames[type].filter((name) => !INHERITED_NAMES[type].has(name)),
        `${type} names the native renderer would read as missing`,
      ).toEqual([]);
    }
  });
});
