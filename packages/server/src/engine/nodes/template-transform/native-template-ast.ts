/** The tree of a template in the native subset (see native-template-parser.ts). */
export type TemplateNode =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'output'; readonly expression: Expression }
  | {
      readonly kind: 'if';
      readonly branches: readonly {
        readonly condition: Expression;
        readonly body: readonly TemplateNode[];
      }[];
      readonly otherwise: readonly TemplateNode[];
    }
  | {
      readonly kind: 'for';
      /** Where the loop variable lives among the locals while the body runs. */
      readonly slot: number;
      readonly iterable: Expression;
      readonly body: readonly TemplateNode[];
    };

export type CompareOperator = '==' | '===' | '!=' | '!==' | '<' | '>' | '<=' | '>=';

export type Expression =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null }
  /** A name looked up in the variables (then `True`, `False`, `None`). */
  | { readonly kind: 'name'; readonly name: string }
  /** The variable of an enclosing `for`. */
  | { readonly kind: 'local'; readonly slot: number }
  /** `loop` inside a `for`: index, index0, revindex, revindex0, first, last, length. */
  | { readonly kind: 'loop' }
  | { readonly kind: 'member'; readonly target: Expression; readonly key: Expression }
  | {
      readonly kind: 'filter';
      readonly name: string;
      readonly input: Expression;
      readonly args: readonly Expression[];
    }
  | { readonly kind: 'not'; readonly operand: Expression }
  | { readonly kind: 'and' | 'or'; readonly left: Expression; readonly right: Expression }
  | {
      readonly kind: 'compare';
      readonly operator: CompareOperator;
      readonly left: Expression;
      readonly right: Expression;
    };
