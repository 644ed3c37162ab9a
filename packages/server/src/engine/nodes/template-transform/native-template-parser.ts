import type { CompareOperator, Expression, TemplateNode } from './native-template-ast.js';
import { escapesOnlyLast, usesOutputOnlyFilter } from './native-template-escape-rule.js';
import { NATIVE_FILTERS } from './native-template-filters.js';
import { lexTemplate, type TemplateToken } from './native-template-lexer.js';

/**
 * Parses the part of Jinja that renders natively: text, comments, whitespace control,
 * `{{ expression }}`, `{% if %}` / `elif` / `else` / `endif` and `{% for x in list %}` /
 * `endfor`. An expression is a variable path (`a.b`, `a['b']`, `a[0]`, `a[i]`), a literal, filters
 * of NATIVE_FILTERS with positional arguments, `not`, `and`, `or` and one comparison. Everything
 * else (calls, macros, set, include, arithmetic, tests, slices, keyword arguments, other filters
 * and tags, a syntax error) answers undefined, and the template goes to the sandbox.
 *
 * The grammar keeps nunjucks' precedence (filters bind to the value before them; `not` is looser
 * than a comparison), and leaves out what nunjucks compiles unlike it reads: `not a == b` becomes
 * `!a == b` in its JavaScript, so `not` before a comparison is not native.
 */
export function parseNativeTemplate(text: string): readonly TemplateNode[] | undefined {
  const tokens = lexTemplate(text);
  if (tokens === undefined) return undefined;
  try {
    const parser = new Parser(tokens);
    const nodes = parser.nodes(new Set());
    return parser.atEnd() ? nodes.body : undefined;
  } catch (error) {
    if (error instanceof OutsideSubset || error instanceof RangeError) return undefined;
    throw error;
  }
}

class OutsideSubset extends Error {}

const COMPARE_OPERATORS: ReadonlySet<string> = new Set(['==', '===', '!=', '!==', '<', '>', '<=', '>=']);
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Words the native grammar reads as syntax, never as names. */
const KEYWORDS = new Set([
  'and',
  'or',
  'not',
  'in',
  'is',
  'if',
  'else',
  'elif',
  'elseif',
  'endif',
  'for',
  'endfor',
]);

class Parser {
  readonly #tokens: readonly TemplateToken[];
  #at = 0;
  /** Loop variable names of the enclosing `for` tags, outermost first; the index is the slot. */
  readonly #scope: string[] = [];

  constructor(tokens: readonly TemplateToken[]) {
    this.#tokens = tokens;
  }

  atEnd(): boolean {
    return this.#at >= this.#tokens.length;
  }

  /** Nodes up to a block tag named in `until` (its name is consumed, its end is not) or the end. */
  nodes(until: ReadonlySet<string>): { body: TemplateNode[]; tag: string | undefined } {
    const body: TemplateNode[] = [];
    while (!this.atEnd()) {
      const token = this.#next();
      if (token.type === 'data') {
        if (token.value !== '') body.push({ kind: 'text', text: token.value });
      } else if (token.type === 'variable-start') {
        const expression = this.#expression();
        this.#expect('variable-end');
        if (!escapesOnlyLast(expression)) throw new OutsideSubset();
        body.push({ kind: 'output', expression });
      } else if (token.type === 'block-start') {
        const name = this.#symbol();
        if (until.has(name)) return { body, tag: name };
        if (name === 'if') body.push(this.#if());
        else if (name === 'for') body.push(this.#for());
        else throw new OutsideSubset();
      } else {
        throw new OutsideSubset();
      }
    }
    if (until.size > 0) throw new OutsideSubset();
    return { body, tag: undefined };
  }

  #if(): TemplateNode {
    const branches: { condition: Expression; body: TemplateNode[] }[] = [];
    let otherwise: TemplateNode[] = [];
    let condition = this.#condition();
    for (;;) {
      const { body, tag } = this.nodes(new Set(['elif', 'elseif', 'else', 'endif']));
      branches.push({ condition, body });
      if (tag === 'elif' || tag === 'elseif') {
        condition = this.#condition();
        continue;
      }
      this.#expect('block-end');
      if (tag === 'else') {
        otherwise = this.nodes(new Set(['endif'])).body;
        this.#expect('block-end');
      }
      return { kind: 'if', branches, otherwise };
    }
  }

  #condition(): Expression {
    const condition = this.#expression();
    this.#expect('block-end');
    if (usesOutputOnlyFilter(condition)) throw new OutsideSubset();
    return condition;
  }

  #for(): TemplateNode {
    const name = this.#symbol();
    if (!IDENTIFIER.test(name) || KEYWORDS.has(name) || name === 'loop') throw new OutsideSubset();
    if (this.#symbol() !== 'in') throw new OutsideSubset();
    const iterable = this.#condition();
    const slot = this.#scope.length;
    this.#scope.push(name);
    const { body, tag } = this.nodes(new Set(['endfor', 'else']));
    if (tag !== 'endfor') throw new OutsideSubset();
    this.#expect('block-end');
    this.#scope.pop();
    return { kind: 'for', slot, iterable, body };
  }

  #expression(): Expression {
    let left = this.#and();
    while (this.#skipSymbol('or')) left = { kind: 'or', left, right: this.#and() };
    return left;
  }

  #and(): Expression {
    let left = this.#not();
    while (this.#skipSymbol('and')) left = { kind: 'and', left, right: this.#not() };
    return left;
  }

  #not(): Expression {
    if (!this.#skipSymbol('not')) return this.#compare();
    const operand = this.#not();
    let inner = operand;
    while (inner.kind === 'not') inner = inner.operand;
    if (inner.kind === 'compare') throw new OutsideSubset();
    return { kind: 'not', operand };
  }

  #compare(): Expression {
    const left = this.#filtered();
    const token = this.#peek();
    if (token?.type !== 'operator' || !COMPARE_OPERATORS.has(token.value)) return left;
    this.#at += 1;
    const right = this.#filtered();
    const after = this.#peek();
    if (after?.type === 'operator' && COMPARE_OPERATORS.has(after.value)) throw new OutsideSubset();
    return { kind: 'compare', operator: token.value as CompareOperator, left, right };
  }

  #filtered(): Expression {
    let input = this.#primary();
    while (this.#skipOperator('|')) {
      const name = this.#symbol();
      const filter = NATIVE_FILTERS.get(name);
      if (filter === undefined || this.#isOperator('.')) throw new OutsideSubset();
      const args: Expression[] = [];
      if (this.#skipOperator('(')) {
        if (!this.#skipOperator(')')) {
          for (;;) {
            args.push(this.#expression());
            if (this.#skipOperator(')')) break;
            if (!this.#skipOperator(',')) throw new OutsideSubset();
          }
        }
        if (this.#isOperator('(') || this.#isOperator('[') || this.#isOperator('.'))
          throw new OutsideSubset();
      }
      if (args.length > filter.maxArgs) throw new OutsideSubset();
      input = { kind: 'filter', name, input, args };
    }
    return input;
  }

  #primary(): Expression {
    const token = this.#next();
    let expression: Expression;
    if (token.type === 'string' || token.type === 'number' || token.type === 'boolean') {
      expression = { kind: 'literal', value: token.value };
    } else if (token.type === 'none') {
      expression = { kind: 'literal', value: null };
    } else if (token.type === 'symbol' && IDENTIFIER.test(token.value) && !KEYWORDS.has(token.value)) {
      expression = this.#resolve(token.value);
      return this.#postfix(expression);
    } else {
      throw new OutsideSubset();
    }
    if (this.#isOperator('(') || this.#isOperator('[') || this.#isOperator('.')) throw new OutsideSubset();
    return expression;
  }

  #resolve(name: string): Expression {
    const slot = this.#scope.lastIndexOf(name);
    if (slot !== -1) return { kind: 'local', slot };
    if (name === 'loop' && this.#scope.length > 0) return { kind: 'loop' };
    return { kind: 'name', name };
  }

  #postfix(start: Expression): Expression {
    let target = start;
    for (;;) {
      if (this.#skipOperator('.')) {
        const key = this.#symbol();
        if (!IDENTIFIER.test(key)) throw new OutsideSubset();
        target = { kind: 'member', target, key: { kind: 'literal', value: key } };
      } else if (this.#skipOperator('[')) {
        const key = this.#expression();
        if (!this.#skipOperator(']')) throw new OutsideSubset();
        target = { kind: 'member', target, key };
      } else if (this.#isOperator('(')) {
        throw new OutsideSubset();
      } else {
        return target;
      }
    }
  }

  #next(): TemplateToken {
    const token = this.#tokens[this.#at];
    if (token === undefined) throw new OutsideSubset();
    this.#at += 1;
    return token;
  }

  #peek(): TemplateToken | undefined {
    return this.#tokens[this.#at];
  }

  #expect(type: 'block-end' | 'variable-end'): void {
    if (this.#next().type !== type) throw new OutsideSubset();
  }

  #symbol(): string {
    const token = this.#next();
    if (token.type !== 'symbol') throw new OutsideSubset();
    return token.value;
  }

  #skipSymbol(value: string): boolean {
    const token = this.#peek();
    if (token?.type !== 'symbol' || token.value !== value) return false;
    this.#at += 1;
    return true;
  }

  #isOperator(value: string): boolean {
    const token = this.#peek();
    return token?.type === 'operator' && token.value === value;
  }

  #skipOperator(value: string): boolean {
    if (!this.#isOperator(value)) return false;
    this.#at += 1;
    return true;
  }
}
