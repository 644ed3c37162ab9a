/**
 * The fields an integration declares (credentials, constructor parameters, event filters, OAuth
 * client fields) and the values they take, as the server's schemas describe them.
 */

export type ParameterValue = string | number | boolean | readonly string[];
export type ParameterValues = Readonly<Record<string, ParameterValue>>;

/** What the API shows instead of a secret after the one answer that revealed it. */
export const MASKED_SECRET = '********';

export interface Parameter {
  readonly name: string;
  readonly label: string;
  readonly type:
    | 'string'
    | 'number'
    | 'boolean'
    | 'secret'
    | 'select'
    | 'multi-select'
    | 'dynamic-select'
    | 'string-list';
  readonly description?: string;
  readonly required: boolean;
  readonly default?: ParameterValue;
  readonly options?: readonly ParameterOption[];
  readonly multiple?: boolean;
  readonly placeholder?: string;
}

export interface ParameterOption {
  readonly value: string;
  readonly label: string;
}

/**
 * Whether a value says nothing: a required field still to fill in, or a filter that takes any
 * event (and so is not saved).
 */
export function isEmptyParameterValue(value: ParameterValue | undefined): boolean {
  return value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}
