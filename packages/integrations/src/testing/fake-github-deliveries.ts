import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { type FakeUrls, hookJson, repositoryJson, userJson } from './fake-github-json.js';
import type { FakeGitHubState, FakeHook, FakeRepository } from './fake-github-state.js';

/** What to deliver: an event to one webhook of a repository. */
export interface FakeDeliveryInput {
  readonly fullName: string;
  /** The webhook; may be left out when exactly one webhook of the repository takes the event. */
  readonly hookId?: number;
  readonly event: string;
  readonly payload: unknown;
  /** `X-GitHub-Delivery`; a fresh UUID unless given (give the same one to model a redelivery). */
  readonly deliveryId?: string;
}

/** How the receiver answered one delivery. */
export interface FakeDelivery {
  readonly fullName: string;
  readonly hookId: number;
  readonly event: string;
  readonly deliveryId: string;
  /** 0 when the receiver could not be reached. */
  readonly status: number;
  readonly body: string;
  readonly error?: string;
}

/** GitHub gives up on a delivery after ten seconds. */
const DELIVERY_TIMEOUT_MS = 10_000;

/** Posts deliveries to webhook URLs exactly as GitHub's Hookshot does, and remembers each one. */
export class FakeDeliveries {
  readonly log: FakeDelivery[] = [];
  private readonly pending = new Set<Promise<unknown>>();
  private readonly agent = `GitHub-Hookshot/${randomBytes(4).toString('hex').slice(0, 7)}`;

  constructor(
    private readonly state: FakeGitHubState,
    private readonly urls: FakeUrls,
  ) {}

  async deliver(input: FakeDeliveryInput): Promise<FakeDelivery> {
    const repository = this.state.requireRepository(input.fullName);
    const hook = this.pickHook(repository, input);
    if (!hook.active)
      throw new Error(`webhook ${hook.id} of ${repository.fullName} is inactive: GitHub would not deliver`);
    if (input.event !== 'ping' && !hook.events.includes(input.event) && !hook.events.includes('*')) {
      throw new Error(
        `webhook ${hook.id} of ${repository.fullName} does not take ${input.event} (it takes ${hook.events.join(', ')}): GitHub would not send it`,
      );
    }
    return this.track(
      this.post(repository, hook, input.event, input.payload, input.deliveryId ?? randomUUID()),
    );
  }

  /** Sends GitHub's `ping` to a new webhook, in the background as GitHub does. */
  ping(repository: FakeRepository, hook: FakeHook, senderLogin: string): void {
    const payload = {
      zen: 'Keep it logically awesome.',
      hook_id: hook.id,
      hook: hookJson(hook, repository, this.urls),
      repository: repositoryJson(this.state, repository, this.urls),
      sender: userJson(this.state.user(senderLogin), this.urls),
    };
    void this.track(this.post(repository, hook, 'ping', payload, randomUUID()));
  }

  /** Resolves once every delivery in flight has been answered. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.pending.add(promise);
    void promise.finally(() => this.pending.delete(promise)).catch(() => {});
    return promise;
  }

  private pickHook(repository: FakeRepository, input: FakeDeliveryInput): FakeHook {
    if (input.hookId !== undefined) return this.state.requireHook(repository.fullName, input.hookId);
    const takers = [...repository.hooks.values()].filter(
      (hook) => hook.events.includes(input.event) || hook.events.includes('*'),
    );
    const [only, ...others] = takers;
    if (only === undefined || others.length > 0) {
      throw new Error(
        `${repository.fullName} has ${takers.length} webhooks for ${input.event}: name the hookId`,
      );
    }
    return only;
  }

  private async post(
    repository: FakeRepository,
    hook: FakeHook,
    event: string,
    payload: unknown,
    deliveryId: string,
  ): Promise<FakeDelivery> {
    const json = JSON.stringify(payload);
    const body = hook.contentType === 'json' ? json : new URLSearchParams({ payload: json }).toString();
    const headers: Record<string, string> = {
      accept: '*/*',
      'content-type': hook.contentType === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
      'user-agent': this.agent,
      'x-github-delivery': deliveryId,
      'x-github-event': event,
      'x-github-hook-id': String(hook.id),
      'x-github-hook-installation-target-id': String(repository.id),
      'x-github-hook-installation-target-type': 'repository',
    };
    if (hook.secret !== undefined) {
      headers['x-hub-signature'] = `sha1=${createHmac('sha1', hook.secret).update(body).digest('hex')}`;
      headers['x-hub-signature-256'] =
        `sha256=${createHmac('sha256', hook.secret).update(body).digest('hex')}`;
    }
    const base = { fullName: repository.fullName, hookId: hook.id, event, deliveryId };
    let delivery: FakeDelivery;
    try {
      const response = await fetch(hook.url, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      delivery = { ...base, status: response.status, body: await response.text() };
      hook.lastResponse = { code: response.status, status: 'active', message: response.statusText || null };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      delivery = { ...base, status: 0, body: '', error: message };
      hook.lastResponse = { code: null, status: 'failed_connection', message };
    }
    this.log.push(delivery);
    return delivery;
  }
}
