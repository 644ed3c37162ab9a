import type { EventDefinition, ParameterDefinition } from '@tripline/sdk';
import {
  GITHUB_EVENT_NAMES,
  type GitHubEventName,
  type GitHubWebhookEventName,
  githubEventActions,
} from './event-names.js';
import { GITHUB_EVENT_TEXTS } from './event-texts.js';
import { actionsRule, freeFormActionsRule } from './filters/common-rules.js';
import { EVENT_RULES } from './filters/event-rules.js';
import { composeFilter, type FilterRule } from './filters/filter-rule.js';
import { createOutputSchemas, type OutputSchemasOptions } from './output-schemas.js';

export type GitHubEventDefinition = EventDefinition<GitHubWebhookEventName>;

/** The filter rules of one event: its actions first, then those of its family. */
export function githubEventRules(name: GitHubEventName): readonly FilterRule[] {
  const actions = githubEventActions(name);
  const first =
    actions === 'free-form' ? [freeFormActionsRule()] : actions.length > 0 ? [actionsRule(actions)] : [];
  return [...first, ...(EVENT_RULES[name] ?? [])];
}

/**
 * Every GitHub event as the SDK declares events. `outputSchema` is a getter: the bundled schema is
 * built on first read (see {@link createOutputSchemas}).
 */
export function githubEventDefinitions(
  options: Pick<OutputSchemasOptions, 'load'> = {},
): readonly GitHubEventDefinition[] {
  const outputSchema = createOutputSchemas({
    ...options,
    describe: (name) => GITHUB_EVENT_TEXTS[name].description,
  });
  return GITHUB_EVENT_NAMES.map((name) => {
    const rules = githubEventRules(name);
    const parameters: readonly ParameterDefinition[] = rules.map((rule) => rule.parameter);
    const definition: GitHubEventDefinition = {
      name,
      ...GITHUB_EVENT_TEXTS[name],
      parameters,
      get outputSchema() {
        return outputSchema(name);
      },
      ...(rules.length > 0 ? { filter: composeFilter(rules) } : {}),
    };
    return definition;
  });
}
