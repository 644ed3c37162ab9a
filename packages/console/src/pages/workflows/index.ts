import { createElement } from 'react';
import type { NavigationEntry, RouteDefinition } from '../../app/route-definition.js';
import { RunDetailPage } from './runs/run-detail-page.js';
import { RunListPage } from './runs/run-list-page.js';
import { WorkflowListPage } from './workflow-list-page.js';
import { WorkflowPage } from './workflow-page.js';

export const workflowRoutes: readonly RouteDefinition[] = [
  { pattern: '/workflows', render: () => createElement(WorkflowListPage) },
  {
    pattern: '/workflows/:id',
    render: (params, query) =>
      createElement(WorkflowPage, {
        key: params.id,
        id: params.id ?? '',
        version: query.get('version') ?? undefined,
      }),
  },
  {
    pattern: '/runs',
    render: (_params, query) =>
      createElement(RunListPage, { workflowId: query.get('workflow') || undefined }),
  },
  {
    pattern: '/runs/:id',
    render: (params) => createElement(RunDetailPage, { key: params.id, id: params.id ?? '' }),
  },
];

export const workflowNavigation: readonly NavigationEntry[] = [
  { label: 'Workflows', to: '/workflows', match: '/workflows' },
  { label: 'Runs', to: '/runs', match: '/runs' },
];
