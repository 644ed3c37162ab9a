/**
 * Parameters are the typed fields a user fills in: trigger filters, subscription constructor
 * parameters, manual subscription properties and credentials. One declaration drives the API
 * schema, the console form and validation.
 *
 * @example
 * const type: ParameterType = 'multi-select';
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

/**
 * Every parameter type, e.g. to validate a declaration that came from outside TypeScript.
 *
 * @example
 * PARAMETER_TYPES.includes('multi-select'); // true
 */
export const PARAMETER_TYPES: readonly ParameterType[] = [
  'string',
  'number',
  'boolean',
  'secret',
  'select',
  'multi-select',
  'dynamic-select',
  'string-list',
];

/**
 * One choice of a select parameter.
 *
 * @example
 * const option: ParameterOption = { value: 'opened', label: 'Opened' };
 */
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

/**
 * A value a user gave a parameter.
 *
 * @example
 * const actions: ParameterValue = ['opened', 'closed'];
 */
export type ParameterValue = string | number | boolean | readonly string[];

/**
 * Parameter values by parameter name.
 *
 * @example
 * const parameters: ParameterValues = { repository: 'octo/repo', events: ['push'] };
 */
export type ParameterValues = Readonly<Record<string, ParameterValue | undefined>>;

/**
 * A secret's value as every answer shows it once stored.
 *
 * @example
 * const shown = { ...properties, webhook_secret: MASKED_SECRET };
 */
export const MASKED_SECRET = '********';
