import { describe, expect, it } from 'vitest';
import { SseParser } from './sse-parser.js';

describe('SseParser', () => {
  it('answers each event once its blank line arrives, however the text is cut', () => {
    const parser = new SseParser();
    const text = 'event: listening\ndata: {"a":1}\n\n: heartbeat\n\nevent: result\ndata: {"b":2}\n\n';
    const messages = [...text].flatMap((character) => parser.push(character));
    expect(messages).toEqual([
      { event: 'listening', data: '{"a":1}' },
      { event: 'result', data: '{"b":2}' },
    ]);
  });

  it('reads \\r\\n line ends split between chunks, and joins data lines', () => {
    const parser = new SseParser();
    expect(parser.push('data: one\r')).toEqual([]);
    expect(parser.push('\ndata:two\r\n\r')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ event: 'message', data: 'one\ntwo' }]);
  });

  it('skips comments and events without data', () => {
    const parser = new SseParser();
    expect(parser.push(': keep-alive\n\nevent: empty\n\nretry: 10\n\n')).toEqual([]);
  });
});
