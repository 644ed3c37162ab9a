import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';

/** The subscription id the fixture names; replaced by the benchmark's own. */
const FIXTURE_SUBSCRIPTION = '3f6c2b9e-8d41-4c1a-9b7e-2a5d0c8f1e63';
const TEMPLATE_NODE = '1754400000005';

/**
 * A summary as a GitHub notification template writes it: variable paths, filters, a condition.
 * It is in the native template subset, as such templates usually are, so it renders in-process.
 */
const SUMMARY_TEMPLATE =
  'New on GitHub for {{ channel }}: {{ title | trim | truncate(72) }}' +
  '{% if number %} (#{{ number }}){% endif %} by {{ author | default("someone") }}';

interface FixtureNode {
  id: string;
  data: Record<string, unknown>;
}

/**
 * The DSL fixture with two GitHub triggers: a pull request run passes trigger, variable
 * aggregator, if-else, template and end (5 nodes). The template is SUMMARY_TEMPLATE over the
 * aggregated title, the channel and the pull request's number and author. Without the template,
 * a second variable aggregator stands in its place, so the run still passes 5 nodes but none of
 * them renders a template. Read from src/ (dist/ has no YAML), which sits at the same depth from
 * both.
 */
export function benchWorkflow(input: {
  readonly subscriptionId: string;
  readonly template: boolean;
}): string {
  const text = readFileSync(
    new URL('../../src/engine/dsl/fixtures/github-two-triggers.yml', import.meta.url),
    'utf8',
  ).replaceAll(FIXTURE_SUBSCRIPTION, input.subscriptionId);
  const document = parse(text) as { workflow: { graph: { nodes: FixtureNode[] } } };
  const node = document.workflow.graph.nodes.find((candidate) => candidate.id === TEMPLATE_NODE);
  if (!node) throw new Error(`the fixture has no node ${TEMPLATE_NODE}`);
  node.data = input.template
    ? {
        ...node.data,
        template: SUMMARY_TEMPLATE,
        variables: [
          { variable: 'title', value_selector: ['1754400000003', 'output'] },
          { variable: 'channel', value_selector: ['env', 'channel'] },
          { variable: 'number', value_selector: ['1754400000001', 'pull_request', 'number'] },
          { variable: 'author', value_selector: ['1754400000001', 'pull_request', 'user', 'login'] },
        ],
      }
    : {
        title: 'Summary',
        type: 'variable-aggregator',
        output_type: 'string',
        variables: [['1754400000003', 'output']],
        desc: '',
        selected: false,
      };
  return stringify(document, { aliasDuplicateObjects: false });
}

/** An opened pull request, as the fixture's first trigger receives it. */
export const PULL_REQUEST_OPENED = {
  action: 'opened',
  number: 7,
  pull_request: { title: 'Add retries', number: 7, user: { login: 'mona' } },
};
