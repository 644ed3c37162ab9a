import { describe, expect, it } from 'vitest';
import { formatReference, parseReferences, replaceReferences, valueToText } from './variable-reference.js';

describe('parseReferences', () => {
  it('finds every reference with its path, in order', () => {
    expect(
      parseReferences(
        'Hi {{#1711528914102.name#}}, PR {{#trigger.pull_request.number#}} ({{#sys.workflow_run_id#}}) {{#http-1.body#}} {{#items.list.0.id#}}',
      ),
    ).toEqual([
      ['1711528914102', 'name'],
      ['trigger', 'pull_request', 'number'],
      ['sys', 'workflow_run_id'],
      ['http-1', 'body'],
      ['items', 'list', '0', 'id'],
    ]);
  });

  it('ignores text that only looks like a reference', () => {
    expect(parseReferences('{{ name }} {{#onlynode#}} {{#a..b#}} {#a.b#} {{#a.b c#}}')).toEqual([]);
  });

  it('finds the same references on every call', () => {
    const text = '{{#a.b#}}';
    expect(parseReferences(text)).toEqual(parseReferences(text));
  });
});

describe('replaceReferences', () => {
  it('replaces each reference by what the callback gives', () => {
    expect(replaceReferences('{{#a.b#}}-{{#c.d.e#}}', (selector) => selector.join('/'))).toBe('a/b-c/d/e');
    expect(formatReference(['a', 'b', 'c'])).toBe('{{#a.b.c#}}');
  });
});

describe('valueToText', () => {
  it('writes values as Dify renders them into text', () => {
    expect([
      valueToText('x'),
      valueToText(3),
      valueToText(true),
      valueToText(null),
      valueToText(undefined),
    ]).toEqual(['x', '3', 'true', '', '']);
    expect(valueToText({ a: [1, 'b'] })).toBe('{"a":[1,"b"]}');
  });
});
