import { describe, expect, it } from 'vitest';
import type { ScriptSandbox } from '../sandbox/script-sandbox.js';
import { compileNativeTemplate, NativeTemplateCache } from './native-template.js';
import { differentialRenderer } from './native-template.test-helpers.js';
import { TemplateRenderer } from './template-renderer.js';

const { sandbox, sandboxed } = differentialRenderer();
const variables = { x: 'Mona', y: [1, 2, 3], z: { a: 1 } };

/** Templates outside the native subset: the sandbox must render each, exactly as before. */
const SANDBOX_ONLY: readonly string[] = [
  '{{ x.upper() }}',
  '{{ range(3) | join }}',
  '{% set a = 1 %}{{ a }}',
  '{% macro m(v) %}[{{ v }}]{% endmacro %}{{ m(x) }}',
  '{% include "other.html" %}',
  '{% extends "base.html" %}',
  '{% import "forms.html" as forms %}',
  '{{ y[0] + 1 }}',
  '{{ x ~ "!" }}',
  '{{ x if y else "no" }}',
  '{{ y | map("string") | join }}',
  '{{ y | sort | join }}',
  '{{ y | reverse | join }}',
  '{{ x | no_such_filter }}',
  '{{ x | default(value="a") }}',
  '{{ x | truncate(2, killwords=true) }}',
  '{{ x | round(-1) }}',
  '{{ x[1:3] }}',
  '{{ x is defined }}',
  '{{ "M" in x }}',
  '{% if not x == "Mona" %}no{% else %}yes{% endif %}',
  '{{ -y[0] }}',
  '{{ (x) }}',
  '{{ [1, 2] | join }}',
  '{{ {"a": 1} | tojson }}',
  '{% raw %}{{ x }}{% endraw %}',
  '{% for k, v in z %}{{ k }}={{ v }}{% endfor %}',
  '{% for v in y %}{{ v }}{% else %}none{% endfor %}',
  '{% for loop in y %}{{ loop }}{% endfor %}',
  '{{ x | escape | upper }}',
  '{% if x | escape %}yes{% endif %}',
  '{{ z.items() }}',
  '{{ r/M/ }}',
  '{{ y.0 }}',
  '{{ y[0] == 1 == true }}',
  '{{ caller() }}',
  '{% filter upper %}{{ x }}{% endfilter %}',
  '{% switch x %}{% case "Mona" %}m{% endswitch %}',
  '{{ x | replace(r/o/g, "0") }}',
  '{{ x }',
  '{% if x %}unclosed',
  '{# unclosed comment',
  'a stray #} comment end',
  '{% endif %}',
  '{{ }}',
];

describe('routing between the native renderer and the sandbox', () => {
  it.each(SANDBOX_ONLY)('leaves %j to the sandbox, which renders it as before', async (template) => {
    expect(compileNativeTemplate(template)).toBeUndefined();
    const renderer = new TemplateRenderer();
    expect(await renderer.render(sandbox, { template, variables })).toEqual(
      await sandboxed.render(sandbox, { template, variables }),
    );
  });

  it('renders a native template without calling the sandbox', async () => {
    const refusing: ScriptSandbox = {
      run: async () => ({ ok: false, reason: 'error', message: 'the sandbox was called' }),
    };
    const renderer = new TemplateRenderer();
    expect(await renderer.render(refusing, { template: 'Hi {{ x | upper }}', variables })).toEqual({
      ok: true,
      value: 'Hi MONA',
    });
    expect(await renderer.render(refusing, { template: '{{ x.upper() }}', variables })).toEqual({
      ok: false,
      reason: 'error',
      message: 'the sandbox was called',
    });
  });

  it('hands a render to the sandbox when its output passes the limit or the run is cancelled', async () => {
    const calls: string[] = [];
    const counting: ScriptSandbox = {
      run: async (request) => {
        calls.push(String((request.input as { template: string }).template));
        return { ok: true, value: 'from the sandbox' };
      },
    };
    const renderer = new TemplateRenderer();
    const template = '{% for v in y %}{{ x }}{% endfor %}';
    expect(await renderer.render(counting, { template, variables, maxOutputChars: 12 })).toEqual({
      ok: true,
      value: 'MonaMonaMona',
    });
    expect(await renderer.render(counting, { template, variables, maxOutputChars: 11 })).toEqual({
      ok: true,
      value: 'from the sandbox',
    });
    const cancelled = AbortSignal.abort();
    await renderer.render(counting, { template, variables, signal: cancelled });
    await renderer.render(counting, { template, variables, limits: { maxResultChars: 10 } });
    expect(calls).toEqual([template, template, template]);
  });

  it('compiles a template once and keeps at most the bounded number of templates', () => {
    const cache = new NativeTemplateCache({ maxTemplates: 2 });
    const first = cache.get('{{ a }}');
    expect(first).toBeDefined();
    expect(cache.get('{{ a }}')).toBe(first);
    expect(cache.get('{% set b = 1 %}')).toBeUndefined();
    cache.get('{{ a }}');
    cache.get('{{ c }}');
    // The set template was the least recently used: `{{ a }}` stays.
    expect(cache.get('{{ a }}')).toBe(first);
    cache.get('{{ d }}');
    cache.get('{{ e }}');
    expect(cache.get('{{ a }}')).not.toBe(first);
  });
});
