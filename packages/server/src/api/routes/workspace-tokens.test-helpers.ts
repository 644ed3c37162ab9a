import { newId } from '../../domain/ids.js';
import type { Principal } from '../../store/records.js';
import { hashToken } from '../../workspaces/hash-token.js';
import { OWNER_TOKEN, type TestApi } from '../test-api.test-helpers.js';

/** The tokens route tests call with, one per kind of caller. */
export interface WorkspaceTokens {
  /** Owner of the bootstrap workspace. */
  readonly owner: string;
  /** A viewer in the same workspace. */
  readonly viewer: string;
  /** Owner of another workspace. */
  readonly stranger: string;
}

/**
 * The bootstrap owner of a test API, plus a viewer added to its workspace and the owner of a
 * workspace of their own, so route tests can check who may see and change what.
 */
export async function ownerViewerAndStranger(
  api: TestApi,
): Promise<{ owner: Principal; tokens: WorkspaceTokens }> {
  const owner = await api.store.workspaces.authenticate(hashToken(OWNER_TOKEN), new Date(api.clock.now()));
  if (!owner) throw new Error('the bootstrap token does not authenticate');
  const viewer = `tl_viewer-${newId()}`;
  await api.store.workspaces.addMember({
    workspaceId: owner.workspaceId,
    member: { id: newId(), name: 'Viewer', role: 'viewer' },
    token: { id: newId(), hash: hashToken(viewer), label: 'test' },
    now: new Date(api.clock.now()),
  });
  const stranger = (await api.workspaces.createWorkspace(owner, 'Elsewhere')).token;
  return { owner, tokens: { owner: OWNER_TOKEN, viewer, stranger } };
}
