import { randomBytes } from 'node:crypto';
import {
  CredentialsError,
  defineIntegration,
  type ExistingSubscriptionInput,
  ExternalServiceError,
  type Integration,
  type ParameterValues,
} from '@tripline/sdk';

/** A webhook as the fake external system keeps it. */
export interface FakeHook {
  readonly id: number;
  readonly repository: string;
  url: string;
  events: string[];
  secret: string;
  active: boolean;
}

export type HookName =
  | 'validateCredentials'
  | 'parameterOptions'
  | 'subscribe'
  | 'unsubscribe'
  | 'inspectWebhook'
  | 'refresh';

/** One call an integration hook made, with what identifies it (never the token). */
export interface HookCall {
  readonly hook: HookName;
  readonly repository?: string;
  readonly url?: string;
  readonly hookId?: string;
}

/**
 * An in-memory external system with repositories, tokens and webhooks, behaving as GitHub does
 * where it matters: a refused token is a CredentialsError, `subscribe` adopts a webhook that
 * already points at the URL on the same repository, removing a missing webhook is done. Tests
 * tell a hook to fail with `fail`.
 */
export class FakeHookHost {
  readonly hooks = new Map<number, FakeHook>();
  readonly calls: HookCall[] = [];
  readonly tokens = new Set(['good-token']);
  repositories: string[] = ['octo/alpha', 'octo/beta', 'octo/gamma'];
  /** When set, subscriptions lapse this long after `subscribe` or `refresh`. */
  lifetimeMs: number | undefined;
  #nextId = 1;
  readonly #failures = new Map<HookName, { error: Error; times: number }>();

  /** Makes the next `times` calls of a hook throw `error` (every call when omitted). */
  fail(hook: HookName, error: Error, times = Number.POSITIVE_INFINITY): void {
    this.#failures.set(hook, { error, times });
  }

  reset(): void {
    this.hooks.clear();
    this.calls.length = 0;
    this.tokens.clear();
    this.tokens.add('good-token');
    this.#failures.clear();
    this.lifetimeMs = undefined;
  }

  /** The webhooks on a repository. */
  on(repository: string): FakeHook[] {
    return [...this.hooks.values()].filter((hook) => hook.repository === repository);
  }

  /** The webhooks that deliver to a URL, on any repository. */
  at(url: string): FakeHook[] {
    return [...this.hooks.values()].filter((hook) => hook.url === url);
  }

  callsOf(hook: HookName): HookCall[] {
    return this.calls.filter((call) => call.hook === hook);
  }

  enter(call: HookCall, credentials: ParameterValues): void {
    this.calls.push(call);
    const failure = this.#failures.get(call.hook);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      throw failure.error;
    }
    if (!this.tokens.has(String(credentials.access_token))) throw new CredentialsError('Bad credentials');
  }

  create(repository: string, url: string, events: string[]): FakeHook {
    if (!this.repositories.includes(repository)) {
      throw new ExternalServiceError(`repository ${repository} not found`, 404);
    }
    const adopted = this.on(repository).find((hook) => hook.url === url);
    const secret = randomBytes(16).toString('hex');
    if (adopted) {
      Object.assign(adopted, { events, secret, active: true });
      return adopted;
    }
    const hook: FakeHook = { id: this.#nextId, repository, url, events, secret, active: true };
    this.#nextId += 1;
    this.hooks.set(hook.id, hook);
    return hook;
  }
}

/** An automatic integration over a {@link FakeHookHost}: api-key and oauth, with every outbound hook. */
export function hookHubIntegration(host: FakeHookHost): Integration {
  const properties = (hook: FakeHook, now: number): { properties: ParameterValues; expiresAt?: Date } => ({
    properties: { hook_id: String(hook.id), repository: hook.repository, webhook_secret: hook.secret },
    ...(host.lifetimeMs === undefined ? {} : { expiresAt: new Date(now + host.lifetimeMs) }),
  });
  const existing = (input: ExistingSubscriptionInput): FakeHook | undefined =>
    host.hooks.get(Number(input.properties.hook_id));
  return defineIntegration({
    id: 'hookhub',
    name: 'HookHub',
    description: 'Creates webhooks by API, for tests.',
    icon: 'data:image/svg+xml,<svg/>',
    subscription: {
      methods: ['api-key', 'oauth'],
      constructorParameters: [
        { name: 'repository', label: 'Repository', type: 'dynamic-select', required: true },
        {
          name: 'events',
          label: 'Events',
          type: 'multi-select',
          required: true,
          default: ['push'],
          options: [
            { value: 'push', label: 'Push' },
            { value: 'issues', label: 'Issues' },
          ],
        },
        { name: 'note', label: 'Note', type: 'string' },
      ],
      credentials: [{ name: 'access_token', label: 'Access token', type: 'secret', required: true }],
      properties: [
        { name: 'hook_id', label: 'Hook id', type: 'string' },
        { name: 'repository', label: 'Repository', type: 'string' },
        { name: 'webhook_secret', label: 'Webhook secret', type: 'secret' },
      ],
      oauth: {
        scopes: ['hooks'],
        pkce: false,
        clientParameters: [
          { name: 'client_id', label: 'Client ID', type: 'string', required: true },
          { name: 'client_secret', label: 'Client secret', type: 'secret', required: true },
        ],
      },
    },
    // The authorization flow itself is not under test here: credentials are saved by the fixture.
    oauth: {
      authorizationUrl: ({ state }) => `https://hookhub.example.com/authorize?state=${state}`,
      exchangeCode: async () => ({ credentials: { access_token: 'good-token' } }),
    },
    events: [{ name: 'push', label: 'Push', description: 'A push.', parameters: [], outputSchema: {} }],
    verify: () => ({ ok: true }),
    parse: () => ({ ok: true, events: [], response: { status: 200 } }),
    validateCredentials: async ({ credentials }) => {
      host.enter({ hook: 'validateCredentials' }, credentials);
    },
    parameterOptions: async ({ parameter, credentials }) => {
      host.enter({ hook: 'parameterOptions' }, credentials);
      if (parameter !== 'repository') return [];
      return host.repositories.map((name) => ({ value: name, label: name }));
    },
    subscribe: async ({ endpointUrl, parameters, credentials, context }) => {
      const repository = String(parameters.repository);
      host.enter({ hook: 'subscribe', repository, url: endpointUrl }, credentials);
      const events = Array.isArray(parameters.events) ? [...parameters.events] : [];
      return properties(host.create(repository, endpointUrl, events), context.clock.now());
    },
    unsubscribe: async (input) => {
      const hookId = String(input.properties.hook_id);
      host.enter({ hook: 'unsubscribe', hookId }, input.credentials);
      host.hooks.delete(Number(hookId));
    },
    inspectWebhook: async (input) => {
      host.enter({ hook: 'inspectWebhook', hookId: String(input.properties.hook_id) }, input.credentials);
      const hook = existing(input);
      if (!hook)
        return { state: 'missing', reason: `hook ${String(input.properties.hook_id)} no longer exists` };
      if (hook.url !== input.endpointUrl)
        return { state: 'drifted', reason: `hook ${hook.id} delivers to ${hook.url}` };
      if (!hook.active) return { state: 'drifted', reason: `hook ${hook.id} is disabled` };
      return { state: 'healthy' };
    },
    refresh: async (input) => {
      host.enter({ hook: 'refresh', hookId: String(input.properties.hook_id) }, input.credentials);
      const hook = existing(input);
      if (!hook) throw new ExternalServiceError(`hook ${String(input.properties.hook_id)} not found`, 404);
      return properties(hook, input.context.clock.now());
    },
  });
}
