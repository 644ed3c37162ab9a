import type { FakeDeliveries } from './fake-github-deliveries.js';
import type { FakeFaults } from './fake-github-faults.js';
import type { FakeUrls } from './fake-github-json.js';
import type { FakeOAuth } from './fake-github-oauth.js';
import type { FakeGitHubState } from './fake-github-state.js';
import type { FakeGitHub, FakeRequestRecord, FakeTokenInput } from './fake-github-types.js';

const DEFAULT_SCOPES = ['repo', 'admin:repo_hook'];

/** The handle `startFakeGitHub` returns, over the fake's parts. */
export function fakeGitHubHandle(parts: {
  readonly urls: FakeUrls;
  readonly state: FakeGitHubState;
  readonly oauth: FakeOAuth;
  readonly faults: FakeFaults;
  readonly deliveries: FakeDeliveries;
  readonly requests: FakeRequestRecord[];
  readonly now: () => number;
  readonly close: () => Promise<void>;
}): FakeGitHub {
  const { state, oauth, faults, deliveries, requests, now } = parts;

  function issueToken(input: { readonly login: string } & FakeTokenInput): string {
    const expiresAt =
      input.expiresInSeconds === undefined ? {} : { expiresAt: now() + input.expiresInSeconds * 1000 };
    const token = input.fineGrained
      ? state.issueToken({
          login: input.login,
          kind: 'fine-grained',
          webhooks: input.fineGrained.webhooks,
          ...expiresAt,
        })
      : state.issueToken({
          login: input.login,
          kind: 'classic',
          scopes: input.scopes ?? DEFAULT_SCOPES,
          ...expiresAt,
        });
    return token.value;
  }

  return {
    apiUrl: parts.urls.apiUrl,
    webUrl: parts.urls.webUrl,
    addUser(input) {
      const user = state.addUser(input.login);
      return { login: user.login, id: user.id, token: issueToken(input) };
    },
    issueToken,
    revokeToken(token) {
      const found = state.tokens.get(token);
      if (!found) throw new Error('fake GitHub never issued this token');
      found.revoked = true;
    },
    addRepository(input) {
      const access: [string, 'admin' | 'write'][] = [];
      if (input.login !== undefined) {
        state.user(input.login);
        access.push([input.login, input.admin === false ? 'write' : 'admin']);
      }
      const repository = state.addRepository({
        fullName: input.fullName,
        private: input.private ?? false,
        access,
      });
      return { id: repository.id, fullName: repository.fullName };
    },
    grantAccess({ fullName, login, permission }) {
      state.user(login);
      state.requireRepository(fullName).access.set(login.toLowerCase(), permission);
    },
    hooks(fullName) {
      return [...state.requireRepository(fullName).hooks.values()].map((hook) => ({
        id: hook.id,
        url: hook.url,
        events: [...hook.events],
        active: hook.active,
        contentType: hook.contentType,
        insecureSsl: hook.insecureSsl,
        secret: hook.secret,
      }));
    },
    deleteHookBehindOurBack(fullName, hookId) {
      state.requireHook(fullName, hookId);
      state.requireRepository(fullName).hooks.delete(hookId);
    },
    changeHookBehindOurBack(fullName, hookId, change) {
      const hook = state.requireHook(fullName, hookId);
      if (change.url !== undefined) hook.url = change.url;
      if (change.events !== undefined) hook.events = [...change.events];
      if (change.active !== undefined) hook.active = change.active;
      hook.updatedAt = state.timestamp();
    },
    registerOAuthApp(app) {
      oauth.apps.set(app.clientId, { ...app });
    },
    signInAs(login) {
      oauth.signedInLogin = state.user(login).login;
    },
    denyAuthorizations(deny) {
      oauth.denyAll = deny;
    },
    deliver: (input) => deliveries.deliver(input),
    get deliveries() {
      return [...deliveries.log];
    },
    idle: () => deliveries.idle(),
    failNext: (failure) => faults.failNext(failure),
    exhaustRateLimit: () => faults.exhaustRateLimit(),
    restoreRateLimit: () => faults.restoreRateLimit(),
    get requests() {
      return [...requests];
    },
    clearRequests() {
      requests.length = 0;
    },
    close: parts.close,
  };
}
