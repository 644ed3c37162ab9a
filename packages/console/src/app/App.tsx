import { useEffect } from 'react';
import { integrationNavigation, integrationRoutes } from '../pages/integrations/index.js';
import { SignInPage } from '../pages/sign-in-page.js';
import { workflowNavigation, workflowRoutes } from '../pages/workflows/index.js';
import { EmptyState } from '../ui/feedback.js';
import { Layout } from './Layout.js';
import type { RouteDefinition } from './route-definition.js';
import { Link, matchPath, navigate, useLocation } from './router.js';
import { useSessions } from './session.js';

const routes: readonly RouteDefinition[] = [...integrationRoutes, ...workflowRoutes];
const navigation = [...integrationNavigation, ...workflowNavigation];

export function App() {
  const sessions = useSessions();
  const location = useLocation();

  useEffect(() => {
    if (location.path === '/' && sessions.current) navigate('/integrations');
  }, [location.path, sessions.current]);

  if (!sessions.current) return <SignInPage onSignedIn={sessions.add} />;

  let page = null;
  for (const route of routes) {
    const params = matchPath(route.pattern, location.path);
    if (params) {
      page = route.render(params, location.query);
      break;
    }
  }
  return (
    // Keyed by workspace so that switching reloads every page's data.
    <Layout
      key={sessions.current.workspaceId}
      sessions={sessions}
      navigation={navigation}
      path={location.path}
    >
      {page ?? (
        <EmptyState title="Page not found">
          Nothing lives at <code>{location.path}</code>. <Link to="/integrations">Go to integrations</Link>.
        </EmptyState>
      )}
    </Layout>
  );
}
