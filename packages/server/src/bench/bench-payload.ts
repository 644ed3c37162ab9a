import { createRequire } from 'node:module';
import { signGitHubBody } from '@tripline/sdk';

/** The delivery every benchmark request carries: a real GitHub payload, signed once. */
export interface BenchPayload {
  readonly event: string;
  readonly action: string | undefined;
  readonly body: Buffer;
  readonly signature: string;
}

interface ExampleGroup {
  readonly name: string;
  readonly examples: readonly Record<string, unknown>[];
}

/**
 * Picks the example of @octokit/webhooks-examples whose JSON is closest to `targetBytes`, so the
 * benchmark body is a realistic GitHub delivery rather than padding.
 */
export function benchPayload(input: { readonly secret: string; readonly targetBytes: number }): BenchPayload {
  const require = createRequire(import.meta.url);
  const groups = require('@octokit/webhooks-examples/api.github.com/index.json') as readonly ExampleGroup[];
  let best: { event: string; payload: Record<string, unknown>; body: Buffer } | undefined;
  for (const group of groups) {
    if (group.name === 'ping') continue;
    for (const payload of group.examples) {
      const body = Buffer.from(JSON.stringify(payload));
      if (
        !best ||
        Math.abs(body.length - input.targetBytes) < Math.abs(best.body.length - input.targetBytes)
      ) {
        best = { event: group.name, payload, body };
      }
    }
  }
  if (!best) throw new Error('@octokit/webhooks-examples has no examples');
  const action = best.payload.action;
  return {
    event: best.event,
    action: typeof action === 'string' ? action : undefined,
    body: best.body,
    signature: signGitHubBody(best.body, input.secret),
  };
}
