export { startFakeGitHub } from './fake-github.js';
export type { FakeDelivery, FakeDeliveryInput } from './fake-github-deliveries.js';
export type { FakeFailure } from './fake-github-faults.js';
export type { FakeOAuthApp } from './fake-github-oauth.js';
export type { FakeRepositoryPermission } from './fake-github-state.js';
export type { FakePermissionLevel } from './fake-github-tokens.js';
export type {
  FakeGitHub,
  FakeGitHubOptions,
  FakeHookView,
  FakeRequestRecord,
  FakeTokenInput,
} from './fake-github-types.js';
