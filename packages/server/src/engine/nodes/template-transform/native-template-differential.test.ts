import { describe, expect, it } from 'vitest';
import { describeCase, differentialRenderer } from './native-template.test-helpers.js';

const { both } = differentialRenderer();

/** Values of `x`, each rendered with every template of X_TEMPLATES; `missing` leaves x out. */
const X_VALUES: readonly (readonly [string, unknown])[] = [
  ['a name', 'Mona Lisa'],
  ['empty text', ''],
  ['padded text', '  padded\t\n'],
  ['unicode', 'héllo wörld ß ǆ İ 🎉 \u2028 ok'],
  ['html', '<a href="x">Tom & \'Jerry\'</a> \\ done'],
  ['a lone surrogate', 'bad \ud800 half'],
  ['zero', 0],
  ['an integer', 42],
  ['a negative float', -3.75],
  ['a float sum', 0.1 + 0.2],
  ['a huge number', 1e21],
  ['a tiny number', 1.5e-7],
  ['a rounding tie', 2.675],
  ['minus zero', -0],
  ['NaN', Number.NaN],
  ['true', true],
  ['false', false],
  ['null', null],
  ['missing', undefined],
  ['an empty list', []],
  ['a list of names', ['ann', 'bob', 'cy']],
  ['a mixed list', [1, 'two', null, true, [3, [4, 5]], { k: 'v' }]],
  ['an empty object', {}],
  ['a nested object', { a: 1, b: { c: 'deep', d: [10, 20] }, name: 'obj', '0': 'zero', 'weird key': 'w' }],
  ['an object with undefined', { a: undefined, b: 2 }],
  ['a list of objects', [{ name: 'ann', age: 30 }, { name: 'bob' }, { age: 5 }]],
];

const X_TEMPLATES: readonly string[] = [
  '{{ x }}',
  'Hello {{ x }}!',
  '{{ x.a }}|{{ x.b.c }}|{{ x.b.d[1] }}|{{ x.missing.deeper }}',
  "{{ x['a'] }}{{ x[\"weird key\"] }}{{ x[0] }}{{ x[1] }}{{ x['0'] }}{{ x[10] }}",
  '{{ x.name }}{{ x.length }}',
  '{{ x | default("none") }}|{{ x | default("none", true) }}|{{ x | d(y) }}',
  '{{ x | upper }}',
  '{{ x | lower }}',
  '{{ x | title }}',
  '{{ x | capitalize }}',
  '[{{ x | trim }}]',
  '{{ x | length }}',
  '{{ x | join(", ") }}',
  '{{ x | join }}',
  '{{ x | join("-", "name") }}',
  '{{ x | first }}|{{ x | last }}',
  '{{ x | replace("a", "[A]") }}',
  '{{ x | replace("", "-") }}',
  '{{ x | replace("l", "L", 1) }}',
  '{{ x | replace(2, "two") }}',
  '{{ x | tojson }}',
  '{{ x | tojson(2) }}',
  '{{ x | dump }}',
  '{{ x | string }}',
  '{{ x | int }}|{{ x | int("bad") }}|{{ x | int(0, 16) }}',
  '{{ x | float }}|{{ x | float(1.5) }}',
  '{{ x | round }}|{{ x | round(2) }}|{{ x | round(1, "floor") }}|{{ x | round(1, "ceil") }}',
  '{{ x | truncate(5) }}|{{ x | truncate(6, true) }}|{{ x | truncate(4, false, "…") }}',
  '{{ x | escape }}|{{ x | e }}',
  '{{ x | abs }}',
  '{{ x | wordcount }}',
  '{{ x | urlencode }}',
  '{{ x | upper | replace("O", "0") | truncate(3) }}',
  '{% if x %}T{% else %}F{% endif %}',
  '{% if not x %}empty{% endif %}',
  '{% if x == 0 %}zero{% elif x == "Mona Lisa" %}mona{% elseif x == true %}yes{% else %}other{% endif %}',
  '{% if x > 1 %}big{% endif %}{% if x <= 0 %}small{% endif %}{% if x >= "b" %}late{% endif %}',
  '{{ x == 42 }} {{ x != "Mona Lisa" }} {{ x === 0 }} {{ x !== null }} {{ x < 1 }} {{ x == none }}',
  '{% if x and y %}both{% endif %}{% if x or y %}either{% endif %}',
  '{{ x or "fallback" }}|{{ x and "yes" }}',
  '{% for i in x %}{{ loop.index }}:{{ i }}{% if not loop.last %}, {% endif %}{% endfor %}',
  '{% for i in x %}[{{ loop.index0 }}/{{ loop.length }} {{ loop.first }} {{ loop.revindex }} {{ loop.revindex0 }}]{% endfor %}',
  '{% for i in x %}{{ i.name | default("?") }}{% endfor %}',
  '{{ x | length > 2 }}',
];

/** A realistic pull request context for the fixed templates. */
const PULL_REQUEST = {
  repo: 'octo/app',
  forced: false,
  count: 3,
  pr: {
    number: 7,
    title: 'Add <retries> & "backoff"',
    draft: false,
    user: { login: 'mona' },
    labels: [{ name: 'bug' }, { name: 'ci' }],
    body: null,
    additions: 12.345,
  },
  commits: [
    { id: 'a1b2c3d4', message: 'fix cache', author: { name: 'Mona' } },
    { id: 'e5f6a7b8', message: 'ADD docs', author: { name: 'Hubot' } },
  ],
  matrix: [
    [1, 2],
    [3, 4],
  ],
  emoji: '🎉 ünïcødé',
};

/** Templates that must render natively over PULL_REQUEST, to the sandbox's text. */
const FIXED_TEMPLATES: readonly string[] = [
  [
    'Push to {{ repo | upper }}{% if forced %} (forced){% endif %}:',
    '{% for c in commits %}{{ loop.index }}. {{ c.id }} {{ c.message | capitalize }} by {{ c.author.name }}',
    '{% endfor %}{{ commits | length }} commits, +{{ pr.additions | round(1) }}',
  ].join('\n'),
  '{%- if pr.draft -%}\n  draft\n{%- else -%}\n  ready  \n{%- endif -%}\n',
  '  {{- repo -}}  |  {{ repo }}  |{{- repo }}  ',
  'a {#- note -#} b|a {# note #} b|{#- only -#}|a\n{#- x #}\nb',
  'Labels:\n{%- for label in pr.labels %}\n  - {{ label.name }}\n{%- endfor %}\n',
  '{% for c in commits -%}\n {{ c.id }}\n{%- endfor %}',
  '{{ "double" }} {{ \'single\' }} {{ "esc\\n\\t\\"q\\" \\\\ \\x" }} {{ 10 }} {{ 3.0 }} {{ 2.50 }} {{ 1. }}',
  '{{ true }} {{ false }} {{ none }} {{ null }} {{ True }} {{ False }} {{ None }}|',
  '{% for row in matrix %}{% for v in row %}{{ loop.index }}{{ v }}{% endfor %}/{{ loop.index }};{% endfor %}',
  '{% for x in matrix %}{% for x in x %}{{ x }}{% endfor %}{{ x | length }}{% endfor %}[{{ x }}]',
  '{{ nope }}{{ nope.deeper.still }}{{ pr.nope.x }}{{ pr.body.x }}{{ pr.labels[5].name }}{{ pr.labels[1]["name"] }}|',
  '{{ pr.title }} {{ pr.title | escape }} {{ pr.title | e }}',
  '{{ pr | tojson }}\n{{ commits | tojson(2) }}\n{{ pr.labels | dump }}',
  '{{ pr.labels | join(", ", "name") }} {{ commits[0].author.name | default("someone") }}',
  '{% if pr.user.login == "mona" and not pr.draft %}ok{% endif %}{% if pr.number > 5 or forced %}!{% endif %}',
  '{{ emoji | length }} {{ emoji | upper }} {{ emoji[0] }}{{ emoji[1] }} {{ emoji | truncate(3, true) }}',
  '{{ pr.title | replace("&", "and") | lower | title }} #{{ pr.number | string }} {{ count | int }}',
  'Plain text: 50% off, {x}, } %} }} # { ok',
  '{{repo}}{{repo|upper}}{%if forced%}f{%else%}n{%endif%}{%for c in commits%}{{c.id|truncate(4,true,"")}}{%endfor%}',
  'a \u00a0\u2003{{- repo -}}\u00a0\r\n b\r\n{%- if count == 3 -%}\r\n three \r\n{%- endif %}',
  '',
];

describe('native template renderer, against nunjucks in the sandbox', () => {
  it('renders every template of the corpus with every value of x as the sandbox does', async () => {
    const mismatches: string[] = [];
    const deferredWhileSandboxRendered: string[] = [];
    let nativeRenders = 0;
    for (const template of X_TEMPLATES) {
      for (const [, x] of X_VALUES) {
        const variables = { x, y: 'Y' };
        const result = await both(template, variables);
        expect(result.compiled, template).toBe(true);
        if (result.native === undefined) {
          if (result.sandbox.ok) deferredWhileSandboxRendered.push(describeCase(template, variables));
          continue;
        }
        nativeRenders += 1;
        if (!result.sandbox.ok || result.sandbox.value !== result.native) {
          mismatches.push(
            `${describeCase(template, variables)}: native ${JSON.stringify(result.native)}, sandbox ${JSON.stringify(result.sandbox)}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
    // Values that lead past the native subset (methods, lists compared or coerced) go to the
    // sandbox; most of the matrix must not.
    const total = X_TEMPLATES.length * X_VALUES.length;
    expect(nativeRenders, deferredWhileSandboxRendered.join('\n')).toBeGreaterThan(total * 0.75);
  }, 120_000);

  it.each(FIXED_TEMPLATES)('renders %j natively, as the sandbox does', async (template) => {
    const result = await both(template, PULL_REQUEST);
    expect(result.sandbox).toEqual({ ok: true, value: expect.any(String) });
    expect(result.native, describeCase(template, PULL_REQUEST)).toBe(
      result.sandbox.ok ? result.sandbox.value : 'the sandbox failed',
    );
  });
});
