/**
 * Parameters are the typed fields a user fills in: trigger filters, subscription constructor
 * parameters, manual subscription properties and credentials. One declaration drives the API
 * schema, the console form and validation.
 */
export type ParameterType =
  | 'string'
  | 'number'
  | 'boolean'
  | 'secret'
  | 'select'
  | 'multi-select'
  | 'dynamic-select'
  | 'string-list';

export interface ParameterOption {
  readonly value: string;
  readonly label: string;
}

/**
 * One user-facing field.
 *
 * @example
 * const actions: ParameterDefinition = {
 *   name: 'actions', label: 'Actions', type: 'multi-select',
 *   options: [{ value: 'opened', label: 'opened' }],
 * };
 */
export interface ParameterDefinition {
  readonly name: string;
  readonly label: string;
  readonly type: ParameterType;
  readonly description?: string;
  readonly required?: boolean;
  readonly default?: ParameterValue;
  /** Fixed choices of `select` and `multi-select`. */
  readonly options?: readonly ParameterOption[];
  /** `dynamic-select`: choices come from the integration's `parameterOptions` hook, which may allow several. */
  readonly multiple?: boolean;
  readonly placeholder?: string;
}

export type ParameterValue = string | number | boolean | readonly string[];
export type ParameterValues = Readonly<Record<string, ParameterValue | undefined>>;

/** A secret's value as every answer shows it once stored. */
export const MASKED_SECRET = '********';
