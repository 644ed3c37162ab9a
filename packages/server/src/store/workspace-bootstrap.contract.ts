import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashToken, T0 } from './contract-fixtures.js';
import type { StoreContractContext } from './store.contract.js';
import type { NewWorkspaceWithOwner, Store, WorkspaceBootstrap } from './store.js';

/** Another process's side of a start-up race: it calls `bootstrapOnce` the moment `go` is called. */
export interface BootstrapContender {
  go(inputs: readonly NewWorkspaceWithOwner[]): Promise<readonly WorkspaceBootstrap[]>;
}

function bootstrapInput(tokenHash: string = hashToken(randomUUID())): NewWorkspaceWithOwner {
  return {
    workspace: { id: randomUUID(), name: 'Default' },
    owner: { id: randomUUID(), name: 'Owner' },
    token: { id: randomUUID(), hash: tokenHash, label: 'bootstrap' },
    now: T0,
  };
}

/** Starts three attempts here and three in the contender at once; answers every outcome. */
async function race(
  store: Store,
  contender: BootstrapContender,
  input: () => NewWorkspaceWithOwner,
): Promise<{ readonly inputs: NewWorkspaceWithOwner[]; readonly results: WorkspaceBootstrap[] }> {
  const here = [input(), input(), input()];
  const there = [input(), input(), input()];
  const [local, remote] = await Promise.all([
    Promise.all(here.map((attempt) => store.workspaces.bootstrapOnce(attempt))),
    contender.go(there),
  ]);
  return { inputs: [...here, ...there], results: [...local, ...remote] };
}

export function describeWorkspaceBootstrapContract({
  store: current,
  openBootstrapContender,
}: StoreContractContext): void {
  describe('workspace bootstrap', () => {
    it('bootstrapOnce creates the first workspace, then creates nothing', async () => {
      const store = current();
      const first = bootstrapInput();
      const created = await store.workspaces.bootstrapOnce(first);
      expect(created).toEqual({
        created: true,
        workspace: { ...first.workspace, createdAt: T0 },
        owner: { ...first.owner, workspaceId: first.workspace.id, role: 'owner', createdAt: T0 },
      });
      expect(await store.workspaces.authenticate(first.token.hash, T0)).toMatchObject({
        workspaceId: first.workspace.id,
        role: 'owner',
      });
      const second = bootstrapInput();
      expect(await store.workspaces.bootstrapOnce(second)).toEqual({ created: false });
      expect(await store.workspaces.get(second.workspace.id)).toBeUndefined();
      expect(await store.workspaces.authenticate(second.token.hash, T0)).toBeUndefined();
    });

    it('processes starting together on an empty database create one workspace between them', async () => {
      const store = current();
      const { inputs, results } = await race(store, await openBootstrapContender(), () => bootstrapInput());
      expect(results.filter((result) => result.created)).toHaveLength(1);
      const existing: NewWorkspaceWithOwner[] = [];
      for (const input of inputs) {
        if (await store.workspaces.get(input.workspace.id)) existing.push(input);
      }
      expect(existing).toHaveLength(1);
      const [winner] = existing;
      expect(results.find((result) => result.created)).toMatchObject({
        workspace: { id: winner?.workspace.id },
      });
      expect(await store.workspaces.listMembers(winner?.workspace.id ?? '')).toHaveLength(1);
    });

    it('with one configured token, every racer succeeds and the token owns the one workspace', async () => {
      const store = current();
      const configured = hashToken('tl_configured-bootstrap-token');
      const { inputs, results } = await race(store, await openBootstrapContender(), () =>
        bootstrapInput(configured),
      );
      const created = results.filter((result) => result.created);
      expect(created).toHaveLength(1);
      const principal = await store.workspaces.authenticate(configured, T0);
      expect(principal).toMatchObject({ workspaceId: created[0]?.workspace.id, role: 'owner' });
      const others = inputs.filter((input) => input.workspace.id !== principal?.workspaceId);
      for (const input of others) expect(await store.workspaces.get(input.workspace.id)).toBeUndefined();
    });
  });
}
