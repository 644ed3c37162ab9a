import type { ParameterDefinition, ParameterValue, ParameterValues } from '@tripline/sdk';

/**
 * Whether two sets of properties (in clear) that `subscribe` produced describe the same webhook in
 * the external system. Its identity is the id-like properties (`hook_id`, `external_id`, `id`);
 * an integration that stores none is compared on all its non-secret properties. Secrets are left
 * out: adopting a webhook may give it a new secret without making it another webhook.
 */
export function sameExternalWebhook(
  definitions: readonly ParameterDefinition[],
  before: ParameterValues,
  after: ParameterValues,
): boolean {
  const secret = new Set(definitions.filter((d) => d.type === 'secret').map((d) => d.name));
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (name) => !secret.has(name),
  );
  const ids = names.filter((name) => /(^|_)id$/.test(name));
  return (ids.length > 0 ? ids : names).every((name) => sameValue(before[name], after[name]));
}

function sameValue(a: ParameterValue | undefined, b: ParameterValue | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => item === b[i]);
  return String(a) === String(b);
}
