/**
 * The tokens of the native template subset, split exactly where nunjucks' lexer splits them
 * (nunjucks 3.2.4 `lexer.js`, default tags, no trimBlocks or lstripBlocks), so a template reads
 * the same to both. Anything the subset has no use for (regex literals, unterminated strings or
 * comments, a stray `#}`) makes `lexTemplate` answer undefined: the sandbox renders that template.
 */
export type TemplateToken =
  | { readonly type: 'data'; readonly value: string }
  | { readonly type: 'block-start' | 'variable-start' | 'block-end' | 'variable-end'; readonly trim: boolean }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'number'; readonly value: number }
  | { readonly type: 'boolean'; readonly value: boolean }
  | { readonly type: 'none' }
  | { readonly type: 'symbol'; readonly value: string }
  | { readonly type: 'operator'; readonly value: string };

const WHITESPACE = ' \n\t\r\u00a0';
const DELIMITERS = '()[]{}%*-+~/#,:|.<>=!';
const COMPLEX_OPERATORS = new Set(['==', '===', '!=', '!==', '<=', '>=', '//', '**']);
const INTEGER = /^[0-9]+$/;
const DIGITS = /^[0-9]*/;

/** A comment between data: only whether it trims the data before and after it matters. */
interface CommentToken {
  readonly type: 'comment';
  readonly trimBefore: boolean;
  readonly trimAfter: boolean;
}

type RawToken = TemplateToken | CommentToken;

/** The template's tokens with whitespace control applied to its data, or undefined. */
export function lexTemplate(text: string): TemplateToken[] | undefined {
  const raw: RawToken[] = [];
  let at = 0;
  let inCode = false;
  while (at < text.length) {
    if (inCode) {
      const char = text.charAt(at);
      if (WHITESPACE.includes(char)) {
        at += 1;
      } else if (char === '"' || char === "'") {
        const read = readString(text, at);
        if (read === undefined) return undefined;
        raw.push({ type: 'string', value: read.value });
        at = read.end;
      } else if (text.startsWith('%}', at) || text.startsWith('-%}', at)) {
        const trim = char === '-';
        raw.push({ type: 'block-end', trim });
        at += trim ? 3 : 2;
        inCode = false;
      } else if (text.startsWith('}}', at) || text.startsWith('-}}', at)) {
        const trim = char === '-';
        raw.push({ type: 'variable-end', trim });
        at += trim ? 3 : 2;
        inCode = false;
      } else if (char === 'r' && text.charAt(at + 1) === '/') {
        return undefined;
      } else if (DELIMITERS.includes(char)) {
        let operator = char;
        const two = text.slice(at, at + 2);
        if (COMPLEX_OPERATORS.has(two)) {
          operator = COMPLEX_OPERATORS.has(text.slice(at, at + 3)) ? text.slice(at, at + 3) : two;
        }
        raw.push({ type: 'operator', value: operator });
        at += operator.length;
      } else {
        let end = at;
        while (
          end < text.length &&
          !WHITESPACE.includes(text.charAt(end)) &&
          !DELIMITERS.includes(text.charAt(end))
        )
          end += 1;
        const word = text.slice(at, end);
        at = end;
        if (INTEGER.test(word)) {
          if (text.charAt(at) === '.') {
            const decimals = DIGITS.exec(text.slice(at + 1))?.[0] ?? '';
            raw.push({ type: 'number', value: Number.parseFloat(`${word}.${decimals}`) });
            at += 1 + decimals.length;
          } else {
            raw.push({ type: 'number', value: Number.parseInt(word, 10) });
          }
        } else if (word === 'true' || word === 'false') {
          raw.push({ type: 'boolean', value: word === 'true' });
        } else if (word === 'none' || word === 'null') {
          raw.push({ type: 'none' });
        } else {
          raw.push({ type: 'symbol', value: word });
        }
      }
    } else if (text.startsWith('{%', at)) {
      const trim = text.charAt(at + 2) === '-';
      raw.push({ type: 'block-start', trim });
      at += trim ? 3 : 2;
      inCode = true;
    } else if (text.startsWith('{{', at)) {
      const trim = text.charAt(at + 2) === '-';
      raw.push({ type: 'variable-start', trim });
      at += trim ? 3 : 2;
      inCode = true;
    } else if (text.startsWith('{#', at)) {
      const close = text.indexOf('#}', at + 2);
      if (close === -1) return undefined;
      const comment = text.slice(at, close + 2);
      raw.push({
        type: 'comment',
        trimBefore: comment.charAt(2) === '-',
        trimAfter: comment.charAt(comment.length - 3) === '-',
      });
      at = close + 2;
    } else {
      const end = nextTagStart(text, at);
      const data = text.slice(at, end);
      // nunjucks fails on a comment end outside a comment.
      if (data.includes('#}')) return undefined;
      raw.push({ type: 'data', value: data });
      at = end;
    }
  }
  return trimmed(raw);
}

function nextTagStart(text: string, from: number): number {
  let at = from;
  for (;;) {
    const open = text.indexOf('{', at);
    if (open === -1) return text.length;
    const next = text.charAt(open + 1);
    if (next === '%' || next === '{' || next === '#') return open;
    at = open + 1;
  }
}

/** nunjucks' `_parseString`: `\n`, `\t` and `\r` are escapes, any other escaped character stands for itself. */
function readString(text: string, start: number): { value: string; end: number } | undefined {
  const quote = text.charAt(start);
  let value = '';
  let at = start + 1;
  while (at < text.length && text.charAt(at) !== quote) {
    const char = text.charAt(at);
    if (char === '\\') {
      if (at + 1 >= text.length) return undefined;
      const escaped = text.charAt(at + 1);
      value += escaped === 'n' ? '\n' : escaped === 't' ? '\t' : escaped === 'r' ? '\r' : escaped;
      at += 2;
    } else {
      value += char;
      at += 1;
    }
  }
  if (at >= text.length) return undefined;
  return { value, end: at + 1 };
}

/**
 * nunjucks' parser trims data after a tag or comment that ends with `-` and before one that
 * starts with `-` (leading or trailing `\s` characters, as its regular expressions match them);
 * comments then disappear.
 */
function trimmed(raw: readonly RawToken[]): TemplateToken[] {
  const tokens: TemplateToken[] = [];
  for (let index = 0; index < raw.length; index += 1) {
    const token = raw[index];
    if (token === undefined || token.type === 'comment') continue;
    if (token.type !== 'data') {
      tokens.push(token);
      continue;
    }
    const before = raw[index - 1];
    const after = raw[index + 1];
    let value = token.value;
    if (before !== undefined && trimsAfter(before)) value = value.replace(/^\s*/, '');
    if (after !== undefined && trimsBefore(after)) value = value.replace(/\s*$/, '');
    tokens.push({ type: 'data', value });
  }
  return tokens;
}

function trimsAfter(token: RawToken): boolean {
  if (token.type === 'comment') return token.trimAfter;
  return (token.type === 'block-end' || token.type === 'variable-end') && token.trim;
}

function trimsBefore(token: RawToken): boolean {
  if (token.type === 'comment') return token.trimBefore;
  return (token.type === 'block-start' || token.type === 'variable-start') && token.trim;
}
