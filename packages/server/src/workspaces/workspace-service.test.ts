import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixedClock } from '@tripline/sdk';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../store/open-store.js';
import { PostgresStore } from '../store/postgres/postgres-store.js';
import {
  createPostgresTestDatabase,
  type PostgresTestDatabase,
} from '../store/postgres/postgres-test-database.test-helpers.js';
import type { Store } from '../store/store.js';
import { hashToken } from './hash-token.js';
import { WorkspaceService } from './workspace-service.js';

describe('WorkspaceService', () => {
  let dir: string;
  let store: Store;
  const clock = fixedClock(Date.parse('2026-03-01T12:00:00Z'));
  const now = () => new Date(clock.now());

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tripline-workspaces-'));
    store = await openStore({ databaseUrl: `sqlite:${path.join(dir, 'tripline.db')}` });
    await store.migrate();
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('bootstrap makes the configured token the owner of a Default workspace', async () => {
    const service = new WorkspaceService({ store, clock, bootstrapToken: 'configured-token' });
    const result = await service.bootstrap();
    expect(result).toMatchObject({
      created: true,
      generatedToken: undefined,
      workspace: { name: 'Default' },
    });
    const principal = await store.workspaces.authenticate(hashToken('configured-token'), now());
    expect(principal).toMatchObject({ role: 'owner' });
    if (!result.created) throw new Error('expected a workspace');
    expect(principal?.workspaceId).toBe(result.workspace.id);
  });

  it('bootstrap generates a token when none is configured', async () => {
    const service = new WorkspaceService({ store, clock, bootstrapToken: undefined });
    const result = await service.bootstrap();
    if (!result.created) throw new Error('expected a workspace');
    expect(result.generatedToken).toMatch(/^tl_[A-Za-z0-9_-]{43}$/);
    expect(await store.workspaces.authenticate(hashToken(result.generatedToken ?? ''), now())).toBeDefined();
  });

  it('bootstrap changes nothing once a workspace exists', async () => {
    await new WorkspaceService({ store, clock, bootstrapToken: 'first' }).bootstrap();
    const again = await new WorkspaceService({ store, clock, bootstrapToken: 'second' }).bootstrap();
    expect(again).toEqual({ created: false });
    expect(await store.workspaces.authenticate(hashToken('second'), now())).toBeUndefined();
  });

  it('createWorkspace gives the caller a new workspace, an owner of the same name and a token', async () => {
    const service = new WorkspaceService({ store, clock, bootstrapToken: 'first' });
    await service.bootstrap();
    const caller = await store.workspaces.authenticate(hashToken('first'), now());
    if (!caller) throw new Error('expected the bootstrap token to work');
    const created = await service.createWorkspace(caller, ' Side project ');
    expect(created.workspace.name).toBe('Side project');
    expect(created.owner).toMatchObject({ name: 'Owner', role: 'owner', workspaceId: created.workspace.id });
    const principal = await store.workspaces.authenticate(hashToken(created.token), now());
    expect(principal).toMatchObject({
      workspaceId: created.workspace.id,
      memberId: created.owner.id,
      role: 'owner',
    });
  });

  it('createWorkspace refuses a name that is only spaces', async () => {
    const service = new WorkspaceService({ store, clock, bootstrapToken: 'first' });
    await service.bootstrap();
    const caller = await store.workspaces.authenticate(hashToken('first'), now());
    if (!caller) throw new Error('expected the bootstrap token to work');
    await expect(service.createWorkspace(caller, '  ')).rejects.toThrow(
      'name must not be empty or only spaces',
    );
  });
});

describe('WorkspaceService over a shared PostgreSQL database', () => {
  let postgres: PostgresTestDatabase;
  const clock = fixedClock(Date.parse('2026-03-01T12:00:00Z'));

  beforeAll(async () => {
    postgres = await createPostgresTestDatabase();
  });
  afterAll(async () => {
    await postgres.drop();
  });

  it('bootstrap from processes starting together creates one Default whose token is the configured one', async () => {
    const url = await postgres.freshUrl();
    const stores = [
      new PostgresStore({ connectionString: url }),
      new PostgresStore({ connectionString: url }),
    ];
    try {
      await stores[0]?.migrate();
      const results = await Promise.all(
        stores.map((store) =>
          new WorkspaceService({ store, clock, bootstrapToken: 'shared-configured-token' }).bootstrap(),
        ),
      );
      const created = results.filter((result) => result.created);
      expect(created).toHaveLength(1);
      expect(results.filter((result) => !result.created)).toEqual([{ created: false }]);
      // Whichever process lost, the token it was configured with works.
      for (const store of stores) {
        const principal = await store.workspaces.authenticate(
          hashToken('shared-configured-token'),
          new Date(clock.now()),
        );
        expect(principal).toMatchObject({ workspaceId: created[0]?.workspace.id, role: 'owner' });
      }
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });
});

describe('hashToken', () => {
  it('is the hex SHA-256 of the token', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
