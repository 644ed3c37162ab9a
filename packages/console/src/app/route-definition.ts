import type { ReactNode } from 'react';

/** One console page: a path pattern (`/workflows/:id`) and what to render for it. */
export interface RouteDefinition {
  readonly pattern: string;
  readonly render: (params: Readonly<Record<string, string>>, query: URLSearchParams) => ReactNode;
}

/** An entry of the top navigation; `match` is the path prefix that marks it current. */
export interface NavigationEntry {
  readonly label: string;
  readonly to: string;
  readonly match: string;
}
