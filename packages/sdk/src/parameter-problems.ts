import { PARAMETER_TYPES, type ParameterDefinition, type ParameterValue } from './parameters.js';

/**
 * What is wrong with a list of parameter declarations, one message per problem, each naming the
 * path: duplicate or empty names, unknown types, selects without options, defaults that don't fit.
 * Empty when all is well. `defineIntegration` and the testing kit both use it.
 *
 * @example
 * parameterProblems('events[0] (push).parameters', [{ name: 'actions', label: 'Actions', type: 'multi-select' }]);
 * // ['events[0] (push).parameters[0] (actions): multi-select needs at least one option']
 */
export function parameterProblems(path: string, parameters: readonly ParameterDefinition[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [index, parameter] of parameters.entries()) {
    const at = `${path}[${index}] (${parameter.name})`;
    if (typeof parameter.name !== 'string' || parameter.name.length === 0)
      problems.push(`${at}: name is empty`);
    else if (seen.has(parameter.name)) problems.push(`${at}: name "${parameter.name}" is declared twice`);
    seen.add(parameter.name);
    if (typeof parameter.label !== 'string' || parameter.label.trim().length === 0)
      problems.push(`${at}: label is empty`);
    if (!PARAMETER_TYPES.includes(parameter.type)) {
      problems.push(`${at}: type "${parameter.type}" is not one of ${PARAMETER_TYPES.join(', ')}`);
      continue;
    }
    problems.push(...optionProblems(at, parameter));
    if (parameter.default !== undefined) {
      const problem = defaultProblem(parameter, parameter.default);
      if (problem) problems.push(`${at}: ${problem}`);
    }
  }
  return problems;
}

function optionProblems(at: string, parameter: ParameterDefinition): string[] {
  if (parameter.type !== 'select' && parameter.type !== 'multi-select') return [];
  const options = parameter.options ?? [];
  if (options.length === 0) return [`${at}: ${parameter.type} needs at least one option`];
  const problems: string[] = [];
  const values = new Set<string>();
  for (const [index, option] of options.entries()) {
    if (values.has(option.value))
      problems.push(`${at}.options[${index}]: value "${option.value}" is listed twice`);
    values.add(option.value);
  }
  return problems;
}

/** Why a default doesn't fit its parameter's type, or undefined when it does. */
function defaultProblem(parameter: ParameterDefinition, value: ParameterValue): string | undefined {
  const choices = (parameter.options ?? []).map((option) => option.value);
  const notAChoice = (item: string) =>
    choices.includes(item) ? undefined : `default "${item}" is not one of ${choices.join(', ')}`;
  switch (parameter.type) {
    case 'string':
    case 'secret':
      return typeof value === 'string' ? undefined : 'default must be a string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? undefined
        : 'default must be a finite number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'default must be true or false';
    case 'select':
      return typeof value === 'string' ? notAChoice(value) : 'default must be one option value (a string)';
    case 'multi-select':
      if (!isStringList(value)) return 'default must be a list of option values';
      return value.map(notAChoice).find((problem) => problem !== undefined);
    case 'string-list':
      return isStringList(value) ? undefined : 'default must be a list of strings';
    case 'dynamic-select':
      if (parameter.multiple)
        return isStringList(value) ? undefined : 'default must be a list of strings (multiple)';
      return typeof value === 'string' ? undefined : 'default must be a string';
    default: {
      const unknown: never = parameter.type;
      return `type "${String(unknown)}" is unknown`;
    }
  }
}

function isStringList(value: ParameterValue): value is readonly string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
