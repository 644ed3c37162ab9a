import { afterAll, describe, expect, it } from 'vitest';
import { parsed, problems, run, testContext, testPool } from '../node-test-kit.test-helpers.js';
import { createWorkerSandbox } from '../sandbox/worker-sandbox.js';
import { createTemplateTransformNode, templateTransformNode } from './template-transform-node.js';

const sandbox = createWorkerSandbox();
afterAll(() => sandbox.close());
const context = testContext({ sandbox });

const pool = testPool({
  trigger: {
    repository: { full_name: 'octo/app' },
    commits: [
      { id: 'a1b2c3d4', message: 'fix cache', author: { name: 'Mona' } },
      { id: 'e5f6a7b8', message: 'add docs', author: { name: 'Hubot' } },
    ],
    forced: false,
    stats: { additions: 12.345, files: 3 },
  },
});

const variables = [
  { variable: 'repo', value_selector: ['trigger', 'repository', 'full_name'] },
  { variable: 'commits', value_selector: ['trigger', 'commits'] },
  { variable: 'forced', value_selector: ['trigger', 'forced'] },
  { variable: 'stats', value_selector: ['trigger', 'stats'] },
  { variable: 'missing', value_selector: ['trigger', 'nope'] },
];

async function render(template: string, extra: { node?: typeof templateTransformNode } = {}) {
  return run(extra.node ?? templateTransformNode, { variables, template }, { pool, context });
}

describe('templateTransformNode', () => {
  it('renders loops, filters and conditionals over the mapped variables', async () => {
    const template = [
      'Push to {{ repo | upper }}{% if forced %} (forced){% endif %}:',
      '{% for c in commits %}{{ loop.index }}. {{ c.id[:7] }} {{ c.message | capitalize }} by {{ c.author.name }}',
      '{% endfor %}{{ commits | length }} commits, +{{ stats.additions | round(1) }} in {{ stats.files }} files',
      '{{ missing | default("none", true) }} {{ commits | map(attribute="author.name") | join(", ") }}',
    ].join('\n');
    const result = await render(template);
    expect(result).toEqual({
      status: 'succeeded',
      inputs: expect.objectContaining({ repo: 'octo/app', missing: null }),
      outputs: {
        output: [
          'Push to OCTO/APP:',
          '1. a1b2c3d Fix cache by Mona',
          '2. e5f6a7b Add docs by Hubot',
          '2 commits, +12.3 in 3 files',
          'none Mona, Hubot',
        ].join('\n'),
      },
    });
  });

  it('understands Jinja2 spellings: True, None, items(), tojson, set and macros', async () => {
    const template = [
      '{% set ok = True %}{% if ok and missing is none %}yes{% endif %}',
      '{% for k, v in stats.items() %}{{ k }}={{ v }};{% endfor %}',
      '{{ stats | tojson }}',
      '{% macro badge(text) %}[{{ text }}]{% endmacro %}{{ badge(repo) }}',
      '{{ commits | map(attribute="id") | map("upper") | join(",") }}',
    ].join('\n');
    const result = await render(template);
    expect(result).toMatchObject({
      outputs: {
        output: [
          'yes',
          'additions=12.345;files=3;',
          '{"additions":12.345,"files":3}',
          '[octo/app]',
          'A1B2C3D4,E5F6A7B8',
        ].join('\n'),
      },
    });
  });

  it('renders a template of the native subset without the sandbox', async () => {
    // testContext's own sandbox refuses every call.
    const result = await run(
      templateTransformNode,
      { variables, template: '{{ repo | upper }}: {% for c in commits %}{{ c.author.name }} {% endfor %}' },
      { pool, context: testContext() },
    );
    expect(result).toMatchObject({ status: 'succeeded', outputs: { output: 'OCTO/APP: Mona Hubot ' } });
  });

  it('does not escape HTML', async () => {
    const result = await run(
      templateTransformNode,
      { variables: [], template: '{{ "<b>&</b>" }}' },
      { context },
    );
    expect(result).toMatchObject({ outputs: { output: '<b>&</b>' } });
  });

  it('reaches nothing of the host through prototypes or globals', async () => {
    const template = [
      '{{ "".constructor.constructor("return typeof process + typeof require")() }}',
      '{{ range.constructor("return typeof globalThis.process")() }}',
      '{{ commits.constructor.constructor("try { return require(\'fs\') } catch (e) { return e.name }")() }}',
    ].join('|');
    const result = await render(template);
    expect(result).toMatchObject({
      status: 'succeeded',
      outputs: { output: 'undefinedundefined|undefined|ReferenceError' },
    });
  });

  it('cannot include or extend other templates', async () => {
    const result = await run(
      templateTransformNode,
      { variables: [], template: '{% include "/etc/passwd" %}' },
      { context },
    );
    expect(result).toMatchObject({ status: 'failed', error: expect.stringContaining('template not found') });
  });

  it('fails with the line of a syntax error', async () => {
    const result = await run(
      templateTransformNode,
      { variables: [], template: 'ok\n{% for x in %}' },
      { context },
    );
    expect(result).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^template failed: .*Line 2/s),
    });
  });

  it('stops a template that runs too long', async () => {
    const slow = createTemplateTransformNode({ limits: { timeoutMs: 300 } });
    const result = await run(
      slow,
      // Small nested ranges: one range of 10^8 items reached the memory limit first on a fast machine.
      {
        variables: [],
        template: '{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}',
      },
      { context },
    );
    expect(result).toMatchObject({
      status: 'failed',
      error: 'template failed: stopped after the time limit of 300 ms',
    });
  });

  it('fails when the output is over its size limit', async () => {
    const small = createTemplateTransformNode({ maxOutputChars: 10 });
    const result = await render('{{ repo }} {{ repo }}', { node: small });
    expect(result).toMatchObject({
      status: 'failed',
      error: 'template output is 17 characters long, over the limit of 10',
    });
  });

  it('outputs output and reads its mapped selectors', () => {
    const data = parsed(templateTransformNode, { variables, template: '' });
    expect(templateTransformNode.outputNames(data)).toEqual(['output']);
    expect(templateTransformNode.references(data)).toHaveLength(5);
  });

  it('refuses a missing or oversized template', () => {
    expect(problems(templateTransformNode, { variables: [] })).toEqual([
      'nodes[0]: template must be a string',
    ]);
    const tight = createTemplateTransformNode({ maxTemplateChars: 5 });
    expect(problems(tight, { template: '{{ too_long }}' })).toEqual([
      'nodes[0]: template must be at most 5 characters long (got 14)',
    ]);
  });

  describe('on one thread that keeps its renderer warm', () => {
    const single = createWorkerSandbox({ maxWorkers: 1 });
    afterAll(() => single.close());
    const warm = testContext({ sandbox: single });
    const once = (template: string, node = templateTransformNode) =>
      run(node, { variables, template }, { pool, context: warm });
    const evaluate = (code: string) => `{{ "".constructor.constructor(${JSON.stringify(code)})() }}`;

    it('leaves nothing from one render for the next', async () => {
      const tamper = [
        'globalThis.leak = 1',
        'String.prototype.upper = function () { return "patched"; }',
        'templateEnvironment.addFilter("upper", function () { return "patched"; })',
        'nunjucks.runtime.memberLookup = function () { return "patched"; }',
        'renderTemplate.cache = 1',
        'this.env.globals.range = function () { return "patched"; }',
        // The render's own context is its to change: the next render gets a new one.
        'this.ctx.repo = "patched"',
      ].map((code) =>
        evaluate(`"use strict"; try { ${code}; return "changed"; } catch (e) { return e.name; }`),
      );
      const tampered = await once(`{% set x = 1 %}${tamper.join(',')}`);
      expect(tampered).toMatchObject({
        outputs: { output: [...Array(6).fill('TypeError'), 'changed'].join(',') },
      });
      const clean = await once(
        `{{ repo | upper }} {{ commits[0].id }} {{ range(2) | join }} {{ x }}${evaluate('return typeof leak')}`,
      );
      expect(clean).toMatchObject({ outputs: { output: 'OCTO/APP a1b2c3d4 01 undefined' } });
    });

    it('stops templates at the memory and stack limits and renders again afterwards', async () => {
      const bomb = await once(
        '{% set l = [1] %}{% for i in range(40) %}{% set l = l.concat(l) %}{% endfor %}{{ l | length }}',
      );
      expect(bomb).toMatchObject({
        status: 'failed',
        error: expect.stringContaining('over the memory limit'),
      });
      const deep = await once('{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}');
      expect(deep).toMatchObject({
        status: 'failed',
        error: expect.stringContaining('over the stack limit'),
      });
      expect(await once('{{ repo }}')).toMatchObject({
        status: 'succeeded',
        outputs: { output: 'octo/app' },
      });
    });

    it('refuses a result over the sandbox limit and keeps rendering', async () => {
      const capped = createTemplateTransformNode({ limits: { maxResultChars: 100 } });
      const huge = await once('{% for i in range(200) %}x{% endfor %}', capped);
      expect(huge).toMatchObject({
        status: 'failed',
        error: 'template failed: the result is 202 characters of JSON, over the limit of 100',
      });
      expect(await once('{{ repo }}', capped)).toMatchObject({ outputs: { output: 'octo/app' } });
    });

    it("renders a cached template with each call's own variables", async () => {
      const template = '{{ commits | length }}:{{ repo }}';
      expect(await once(template)).toMatchObject({ outputs: { output: '2:octo/app' } });
      const other = testPool({ trigger: { repository: { full_name: 'x/y' }, commits: [] } });
      const result = await run(
        templateTransformNode,
        { variables, template },
        { pool: other, context: warm },
      );
      expect(result).toMatchObject({ outputs: { output: '0:x/y' } });
    });
  });
});
