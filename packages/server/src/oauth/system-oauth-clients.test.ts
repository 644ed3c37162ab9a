import { defineIntegration } from '@tripline/sdk';
import { describe, expect, it } from 'vitest';
import { oauthyIntegration } from './oauth-test-integration.test-helpers.js';
import { systemClientVariable, systemOAuthClient } from './system-oauth-clients.js';

describe('system OAuth clients', () => {
  it('systemClientVariable upper-cases the integration and field, with - as _', () => {
    expect(systemClientVariable('github', 'client_id')).toBe('TRIPLINE_OAUTH_GITHUB_CLIENT_ID');
    expect(systemClientVariable('git-lab', 'client_secret')).toBe('TRIPLINE_OAUTH_GIT_LAB_CLIENT_SECRET');
  });

  it('systemOAuthClient answers the client only when every needed field is set', () => {
    const env = { TRIPLINE_OAUTH_OAUTHY_CLIENT_ID: 'id', TRIPLINE_OAUTH_OAUTHY_CLIENT_SECRET: 'secret' };
    expect(systemOAuthClient(oauthyIntegration, env)).toEqual({ client_id: 'id', client_secret: 'secret' });
    expect(systemOAuthClient(oauthyIntegration, { TRIPLINE_OAUTH_OAUTHY_CLIENT_ID: 'id' })).toBeUndefined();
    expect(
      systemOAuthClient(oauthyIntegration, { ...env, TRIPLINE_OAUTH_OAUTHY_CLIENT_SECRET: '' }),
    ).toBeUndefined();
  });

  it('a field declared required: false may be left out', () => {
    const spec = oauthyIntegration.subscription.oauth;
    if (!spec) throw new Error('oauthy declares OAuth');
    const withAudience = defineIntegration({
      ...oauthyIntegration,
      events: [...oauthyIntegration.events.values()],
      subscription: {
        ...oauthyIntegration.subscription,
        oauth: {
          ...spec,
          clientParameters: [
            ...spec.clientParameters,
            { name: 'audience', label: 'Audience', type: 'string', required: false },
          ],
        },
      },
    });
    const env = { TRIPLINE_OAUTH_OAUTHY_CLIENT_ID: 'id', TRIPLINE_OAUTH_OAUTHY_CLIENT_SECRET: 'secret' };
    expect(systemOAuthClient(withAudience, env)).toEqual({ client_id: 'id', client_secret: 'secret' });
    expect(systemOAuthClient(withAudience, { ...env, TRIPLINE_OAUTH_OAUTHY_AUDIENCE: 'api' })).toMatchObject({
      audience: 'api',
    });
  });
});
