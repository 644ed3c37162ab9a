import { type AnchorHTMLAttributes, type ReactNode, useEffect, useState } from 'react';

/**
 * Hash routing (`/#/integrations/github`): the server serves one index.html at `/`, and every
 * console address survives a reload and a copy-paste without server-side fallbacks.
 */
export interface Location {
  /** e.g. `/integrations/github` */
  readonly path: string;
  readonly query: URLSearchParams;
}

function readLocation(): Location {
  const hash = window.location.hash.replace(/^#/, '') || '/';
  const [path = '/', search = ''] = hash.split('?');
  return { path, query: new URLSearchParams(search) };
}

/** The current console location; re-renders on navigation. */
export function useLocation(): Location {
  const [location, setLocation] = useState(readLocation);
  useEffect(() => {
    const update = () => setLocation(readLocation());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return location;
}

export function navigate(path: string): void {
  window.location.hash = path;
}

/** Matches `/workflows/:id` against a path; returns the named parts or undefined. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of want.entries()) {
    const value = got[index] ?? '';
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(value);
    else if (part !== value) return undefined;
  }
  return params;
}

export function Link({
  to,
  children,
  ...rest
}: { readonly to: string; readonly children: ReactNode } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  return (
    <a href={`#${to}`} {...rest}>
      {children}
    </a>
  );
}
