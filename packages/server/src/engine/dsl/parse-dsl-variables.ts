import { isRecord } from '../graph/is-record.js';
import type { WorkflowProblem } from '../graph/workflow-problem.js';
import type { EnvironmentVariable } from './workflow-document.js';

const ENV_PATH = 'workflow.environment_variables';
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Reads Dify's environment variables. String and number variables are kept. Secret ones are
 * refused: a workflow document is stored and exported as it is, so a secret in it would sit
 * unencrypted at rest and leave in every export, against how Tripline treats credentials.
 */
export function parseEnvironmentVariables(raw: unknown): {
  problems: WorkflowProblem[];
  variables: EnvironmentVariable[];
} {
  const problems: WorkflowProblem[] = [];
  const variables: EnvironmentVariable[] = [];
  if (raw === undefined || raw === null) return { problems, variables };
  if (!Array.isArray(raw)) {
    return { problems: [{ path: ENV_PATH, message: `${ENV_PATH} must be a list` }], variables };
  }
  const seen = new Set<string>();
  for (const [position, entry] of raw.entries()) {
    const path = `${ENV_PATH}[${position}]`;
    const result = parseVariable(entry, path);
    if (typeof result === 'string') {
      problems.push({ path, message: result });
    } else if (seen.has(result.name)) {
      problems.push({ path, message: `${path} "${result.name}" repeats an environment variable name` });
    } else {
      seen.add(result.name);
      variables.push(result);
    }
  }
  return { problems, variables };
}

/** The variable, or why it is refused. */
function parseVariable(entry: unknown, path: string): EnvironmentVariable | string {
  if (!isRecord(entry)) return `${path} must be a mapping with name, value_type and value`;
  const { id, name, value_type: valueType, value, description, ...extra } = entry;
  if (typeof name !== 'string' || !VARIABLE_NAME.test(name)) {
    return `${path}: name must be letters, digits and underscores, not starting with a digit`;
  }
  const label = `${path} "${name}"`;
  if (valueType === 'secret') {
    return `${label} is a secret variable; Tripline does not store secrets in workflows (they would be kept and exported unencrypted): make it a string variable if it is not secret, or remove it`;
  }
  if (valueType !== 'string' && valueType !== 'number') {
    return `${label}: value_type "${String(valueType)}" is not supported; supported: string, number`;
  }
  const valid =
    valueType === 'string' ? typeof value === 'string' : typeof value === 'number' && Number.isFinite(value);
  if (!valid) return `${label}: value must be a ${valueType}`;
  if (id !== undefined && typeof id !== 'string') return `${label}: id must be a string`;
  if (description !== undefined && typeof description !== 'string') {
    return `${label}: description must be a string`;
  }
  return {
    ...(id !== undefined ? { id } : {}),
    name,
    valueType,
    value: value as string | number,
    description: description ?? '',
    ...(Object.keys(extra).length > 0 ? { extra } : {}),
  };
}

/** Conversation variables keep state between chat turns; a workflow run has no conversation. */
export function checkConversationVariables(raw: unknown): WorkflowProblem[] {
  const path = 'workflow.conversation_variables';
  if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) return [];
  if (!Array.isArray(raw)) return [{ path, message: `${path} must be a list` }];
  const names = raw.map((entry) =>
    isRecord(entry) && typeof entry.name === 'string' ? `"${entry.name}"` : '(unnamed)',
  );
  return [
    {
      path,
      message: `${path} ${names.join(', ')}: conversation variables belong to chat apps and Tripline runs workflow apps only; remove them`,
    },
  ];
}
