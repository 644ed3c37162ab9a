import type { CompareOperator, Expression, TemplateNode } from './native-template-ast.js';
import { NATIVE_FILTERS } from './native-template-filters.js';
import {
  isComposite,
  isJsonObject,
  type JsonObject,
  memberOf,
  NotNative,
  textOf,
  variableOf,
} from './native-template-values.js';

/**
 * Steps (nodes and loop turns) one native render may take. Past it, the render goes to the
 * sandbox, whose time limit bounds what a template with nested loops over long lists may cost.
 */
const MAX_STEPS = 100_000;

/** One render of a parsed template over JSON variables; throws NotNative to hand it to the sandbox. */
export class NativeEvaluation {
  #output = '';
  #steps = 0;
  readonly #variables: JsonObject;
  readonly #maxChars: number;
  readonly #locals: unknown[] = [];
  readonly #loops: JsonObject[] = [];

  constructor(variables: JsonObject, maxChars: number) {
    this.#variables = variables;
    this.#maxChars = maxChars;
  }

  render(nodes: readonly TemplateNode[]): string {
    this.#run(nodes);
    return this.#output;
  }

  #run(nodes: readonly TemplateNode[]): void {
    for (const node of nodes) this.#node(node);
  }

  #node(node: TemplateNode): void {
    this.#step();
    switch (node.kind) {
      case 'text':
        this.#append(node.text);
        return;
      case 'output': {
        // nunjucks' suppressValue prints null and undefined as nothing; the rest joins as `'' + value`.
        const value = this.#evaluate(node.expression);
        if (value !== null && value !== undefined) this.#append(textOf(value));
        return;
      }
      case 'if': {
        for (const branch of node.branches) {
          if (this.#evaluate(branch.condition)) {
            this.#run(branch.body);
            return;
          }
        }
        this.#run(node.otherwise);
        return;
      }
      case 'for':
        this.#for(node);
        return;
      default: {
        const unknown: never = node;
        throw new Error(`unknown template node ${JSON.stringify(unknown)}`);
      }
    }
  }

  #for(node: Extract<TemplateNode, { kind: 'for' }>): void {
    const items = this.#evaluate(node.iterable);
    if (!items) return;
    // nunjucks walks anything by its length: a list, a text by UTF-16 unit; a number, true or
    // an object without a length key not at all. An object with one is left to the sandbox.
    if (typeof items === 'number' || typeof items === 'boolean') return;
    if (isJsonObject(items) && !Object.hasOwn(items, 'length')) return;
    if (!Array.isArray(items) && typeof items !== 'string')
      throw new NotNative('a for loop over an object with a length key');
    const length = items.length;
    for (let index = 0; index < length; index += 1) {
      this.#step();
      this.#locals[node.slot] = items[index];
      this.#loops.push({
        index: index + 1,
        index0: index,
        revindex: length - index,
        revindex0: length - index - 1,
        first: index === 0,
        last: index === length - 1,
        length,
      });
      this.#run(node.body);
      this.#loops.pop();
    }
  }

  #evaluate(expression: Expression): unknown {
    switch (expression.kind) {
      case 'literal':
        return expression.value;
      case 'name':
        return variableOf(this.#variables, expression.name);
      case 'local':
        return this.#locals[expression.slot];
      case 'loop':
        return this.#loops[this.#loops.length - 1];
      case 'member':
        return memberOf(this.#evaluate(expression.target), this.#evaluate(expression.key));
      case 'filter': {
        const filter = NATIVE_FILTERS.get(expression.name);
        if (filter === undefined) throw new NotNative(`the filter ${expression.name}`);
        const input = this.#evaluate(expression.input);
        return filter.apply(
          input,
          expression.args.map((arg) => this.#evaluate(arg)),
        );
      }
      case 'not':
        return !this.#evaluate(expression.operand);
      case 'and': {
        const left = this.#evaluate(expression.left);
        return left ? this.#evaluate(expression.right) : left;
      }
      case 'or': {
        const left = this.#evaluate(expression.left);
        return left ? left : this.#evaluate(expression.right);
      }
      case 'compare':
        return compare(
          expression.operator,
          this.#evaluate(expression.left),
          this.#evaluate(expression.right),
        );
      default: {
        const unknown: never = expression;
        throw new Error(`unknown template expression ${JSON.stringify(unknown)}`);
      }
    }
  }

  #append(text: string): void {
    this.#output += text;
    if (this.#output.length > this.#maxChars) throw new NotNative('output over its limit');
  }

  #step(): void {
    this.#steps += 1;
    if (this.#steps > MAX_STEPS) throw new NotNative('too many steps');
  }
}

/**
 * JavaScript's comparison operators, which nunjucks compiles comparisons to, over primitives.
 * Lists and objects compare by reference there, and the sandbox holds its own copies: not native.
 */
function compare(operator: CompareOperator, left: unknown, right: unknown): boolean {
  if (isComposite(left) || isComposite(right)) throw new NotNative('a comparison with a list or an object');
  switch (operator) {
    case '==':
      return looselyEqual(left, right);
    case '!=':
      return !looselyEqual(left, right);
    case '===':
      return left === right;
    case '!==':
      return left !== right;
    case '<':
      return lessThan(left, right) === true;
    case '>':
      return lessThan(right, left) === true;
    case '<=':
      return lessThan(right, left) === false;
    case '>=':
      return lessThan(left, right) === false;
    default: {
      const unknown: never = operator;
      throw new Error(`unknown comparison ${String(unknown)}`);
    }
  }
}

/** `==` between primitives (ECMAScript IsLooselyEqual). */
function looselyEqual(left: unknown, right: unknown): boolean {
  if (typeof left === typeof right) return left === right;
  const leftNullish = left === null || left === undefined;
  const rightNullish = right === null || right === undefined;
  if (leftNullish || rightNullish) return leftNullish && rightNullish;
  return Number(left) === Number(right);
}

/** `<` between primitives (ECMAScript IsLessThan): undefined when either side is NaN. */
function lessThan(left: unknown, right: unknown): boolean | undefined {
  if (typeof left === 'string' && typeof right === 'string') return left < right;
  const x = Number(left);
  const y = Number(right);
  if (Number.isNaN(x) || Number.isNaN(y)) return undefined;
  return x < y;
}
