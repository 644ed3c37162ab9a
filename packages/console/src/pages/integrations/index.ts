import { createElement } from 'react';
import type { NavigationEntry, RouteDefinition } from '../../app/route-definition.js';
import { BuilderPage } from './create/builder-page.js';
import { OAuthClientPage } from './create/oauth-client-page.js';
import { OAuthResultPage } from './create/oauth-result-page.js';
import { IntegrationListPage } from './integration-list-page.js';
import { IntegrationPage } from './integration-page.js';
import { SubscriptionLogsPage } from './logs/subscription-logs-page.js';

/** The integration catalog, subscriptions (create, edit, delete) and their request logs. */
export const integrationRoutes: readonly RouteDefinition[] = [
  { pattern: '/integrations', render: () => createElement(IntegrationListPage) },
  {
    pattern: '/integrations/:integration',
    render: (params) =>
      createElement(IntegrationPage, { key: params.integration, id: params.integration ?? '' }),
  },
  {
    pattern: '/integrations/:integration/oauth',
    render: (params) => createElement(OAuthClientPage, { integrationId: params.integration ?? '' }),
  },
  {
    pattern: '/integrations/:integration/builders/:builder',
    render: (params) =>
      createElement(BuilderPage, {
        key: params.builder,
        integrationId: params.integration ?? '',
        builderId: params.builder ?? '',
      }),
  },
  {
    pattern: '/subscriptions/:id/logs',
    render: (params) => createElement(SubscriptionLogsPage, { key: params.id, id: params.id ?? '' }),
  },
  { pattern: '/oauth-result', render: (_params, query) => createElement(OAuthResultPage, { query }) },
];

export const integrationNavigation: readonly NavigationEntry[] = [
  { label: 'Integrations', to: '/integrations', match: '/integrations' },
];
