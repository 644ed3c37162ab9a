import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from '../crypto/secret-box.js';
import { builderRecord, seedWorkspace, subscriptionFrom } from './contract-fixtures.js';
import {
  credentialRecord,
  oauthClientRecord,
  oauthConfirmationRecord,
  oauthStateRecord,
} from './oauth-contract-fixtures.js';
import type {
  BuilderRecord,
  CredentialRecord,
  OAuthClientRecord,
  OAuthConfirmationRecord,
  OAuthStateRecord,
  SubscriptionRecord,
} from './records.js';
import type { StoreContractContext } from './store.contract.js';
import type { Store } from './store.js';

const oldBox = new SecretBox(randomBytes(32));
const newBox = new SecretBox(randomBytes(32));

/** Every kind of row that holds sealed values, some sealed values nested, some values plain. */
interface Sealed {
  readonly builder: BuilderRecord;
  readonly subscription: SubscriptionRecord;
  readonly plain: SubscriptionRecord;
  readonly client: OAuthClientRecord;
  readonly state: OAuthStateRecord;
  readonly pkceLess: OAuthStateRecord;
  readonly confirmation: OAuthConfirmationRecord;
  readonly credential: CredentialRecord;
  /** How many sealed strings the rows hold. */
  readonly count: number;
}

async function seedSealed(store: Store): Promise<Sealed> {
  const { workspaceId } = await seedWorkspace(store);
  const other = await seedWorkspace(store, 'Other');
  const builder = builderRecord(workspaceId, {
    parameters: { repository: 'octo/hello', tokens: ['plain', oldBox.seal('listed secret')] },
    properties: { webhook_secret: oldBox.seal('builder secret'), attempts: 3 },
    credentials: oldBox.seal('{"api_key":"builder key"}'),
  });
  await store.builders.insert(builder);
  const source = builderRecord(other.workspaceId);
  await store.builders.insert(source);
  const subscription = await store.subscriptions.createFromBuilder({
    builderId: source.id,
    subscription: {
      ...subscriptionFrom(source, 'sealed'),
      properties: { webhook_secret: oldBox.seal('subscription secret'), external_id: 'v1.not.sealed' },
      credentials: oldBox.seal('{"api_key":"subscription key"}'),
    },
    limit: 10,
  });
  const plainSource = builderRecord(workspaceId);
  await store.builders.insert(plainSource);
  const plain = await store.subscriptions.createFromBuilder({
    builderId: plainSource.id,
    subscription: { ...subscriptionFrom(plainSource, 'plain'), credentials: null },
    limit: 10,
  });
  const client = oauthClientRecord(workspaceId, { client: oldBox.seal('{"client_secret":"shh"}') });
  await store.oauthClients.put(client);
  const state = oauthStateRecord(other.workspaceId, { codeVerifier: oldBox.seal('verifier') });
  const pkceLess = oauthStateRecord(workspaceId, { codeVerifier: null });
  await store.oauthStates.insert(state);
  await store.oauthStates.insert(pkceLess);
  const confirmation = oauthConfirmationRecord(workspaceId, { tokens: oldBox.seal('{"access_token":"c"}') });
  await store.oauthConfirmations.insert(confirmation);
  const credential = credentialRecord(workspaceId, { credentials: oldBox.seal('{"access_token":"t"}') });
  await store.credentials.insert(credential);
  return { builder, subscription, plain, client, state, pkceLess, confirmation, credential, count: 9 };
}

/** What the rows read back as now, but for the states, which only `consume` reads. */
async function readBack(store: Store, sealed: Sealed) {
  return {
    builder: await store.builders.get(sealed.builder.workspaceId, sealed.builder.id),
    subscription: await store.subscriptions.findById(sealed.subscription.id),
    plain: await store.subscriptions.findById(sealed.plain.id),
    client: await store.oauthClients.get(sealed.client.workspaceId, sealed.client.integration),
    credential: await store.credentials.get(sealed.credential.workspaceId, sealed.credential.id),
  };
}

/** Opens with the new key what was sealed with the old one; throws when it is not. */
function opensWithNewKeyOnly(value: unknown, plaintext: string): void {
  if (!SecretBox.isSealed(value)) throw new Error(`not a sealed value: ${String(value)}`);
  expect(newBox.open(value)).toBe(plaintext);
  expect(() => oldBox.open(value)).toThrow(/cannot open/);
}

export function describeSealedValueContract({ store: current }: StoreContractContext): void {
  describe('sealed values', () => {
    it('rewriteAll reseals every sealed value at rest and leaves plain values alone', async () => {
      const store = current();
      const sealed = await seedSealed(store);
      const count = await store.sealedValues.rewriteAll((value) => newBox.seal(oldBox.open(value)));
      expect(count).toBe(sealed.count);

      const now = await readBack(store, sealed);
      const { builder, subscription } = now;
      expect(builder?.parameters.repository).toBe('octo/hello');
      const tokens = builder?.parameters.tokens;
      expect(Array.isArray(tokens) && tokens[0]).toBe('plain');
      opensWithNewKeyOnly(Array.isArray(tokens) && tokens[1], 'listed secret');
      opensWithNewKeyOnly(builder?.properties.webhook_secret, 'builder secret');
      expect(builder?.properties.attempts).toBe(3);
      opensWithNewKeyOnly(builder?.credentials, '{"api_key":"builder key"}');
      opensWithNewKeyOnly(subscription?.properties.webhook_secret, 'subscription secret');
      // A plain string that only starts like a sealed one stays as it is.
      expect(subscription?.properties.external_id).toBe('v1.not.sealed');
      opensWithNewKeyOnly(subscription?.credentials, '{"api_key":"subscription key"}');
      expect(now.plain).toEqual(sealed.plain);
      opensWithNewKeyOnly(now.client?.client, '{"client_secret":"shh"}');
      opensWithNewKeyOnly(now.credential?.credentials, '{"access_token":"t"}');
      opensWithNewKeyOnly((await store.oauthStates.consume(sealed.state.id))?.codeVerifier, 'verifier');
      expect(await store.oauthStates.consume(sealed.pkceLess.id)).toEqual(sealed.pkceLess);
      const confirmation = await store.oauthConfirmations.consume(sealed.confirmation.id);
      opensWithNewKeyOnly(confirmation?.tokens, '{"access_token":"c"}');
      expect({ ...confirmation, tokens: '' }).toEqual({ ...sealed.confirmation, tokens: '' });

      // Everything else of the rows is as it was.
      expect({ ...builder, parameters: {}, properties: {}, credentials: null }).toEqual({
        ...sealed.builder,
        parameters: {},
        properties: {},
        credentials: null,
      });
      expect({ ...now.credential, credentials: '' }).toEqual({ ...sealed.credential, credentials: '' });
      expect({ ...now.client, client: '' }).toEqual({ ...sealed.client, client: '' });
    });

    it('rewriteAll on a store with nothing sealed rewrites nothing', async () => {
      const store = current();
      await seedWorkspace(store);
      expect(await store.sealedValues.rewriteAll(() => 'never called')).toBe(0);
    });

    it('a reseal that throws midway leaves every value under the old key', async () => {
      const store = current();
      const sealed = await seedSealed(store);
      const before = await readBack(store, sealed);
      let calls = 0;
      const failing = store.sealedValues.rewriteAll((value) => {
        calls += 1;
        // The last value: every other one was rewritten in the transaction by then.
        if (calls === sealed.count) throw new Error('key store unavailable');
        return newBox.seal(oldBox.open(value));
      });
      await expect(failing).rejects.toThrow('key store unavailable');
      expect(calls).toBe(sealed.count);

      expect(await readBack(store, sealed)).toEqual(before);
      expect(before.builder).toEqual(sealed.builder);
      expect(before.credential).toEqual(sealed.credential);
      expect(await store.oauthStates.consume(sealed.state.id)).toEqual(sealed.state);
      expect(await store.oauthConfirmations.consume(sealed.confirmation.id)).toEqual(sealed.confirmation);
      // The store still works after the rollback (the state and confirmation read above are used up).
      expect(await store.sealedValues.rewriteAll((value) => newBox.seal(oldBox.open(value)))).toBe(
        sealed.count - 2,
      );
    });
  });
}
