import { type ReactNode, useState } from 'react';
import { apiRequest } from '../api/http.js';
import { ErrorMessage } from '../ui/feedback.js';
import type { NavigationEntry } from './route-definition.js';
import { Link } from './router.js';
import { type Sessions, sessionForToken } from './session.js';

export function Layout({
  sessions,
  navigation,
  path,
  children,
}: {
  readonly sessions: Sessions;
  readonly navigation: readonly NavigationEntry[];
  readonly path: string;
  readonly children: ReactNode;
}) {
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Tripline</span>
        <nav>
          {navigation.map((entry) => (
            <Link
              key={entry.to}
              to={entry.to}
              className={path.startsWith(entry.match) ? 'current' : undefined}
            >
              {entry.label}
            </Link>
          ))}
        </nav>
        <WorkspaceSwitcher sessions={sessions} />
      </header>
      <main>{children}</main>
    </div>
  );
}

function WorkspaceSwitcher({ sessions }: { readonly sessions: Sessions }) {
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<unknown>();
  const current = sessions.current;
  return (
    <div className="workspace-switcher">
      <label>
        Workspace{' '}
        <select
          aria-label="Workspace"
          value={current?.workspaceId}
          onChange={(event) => {
            if (event.target.value === '+new') setCreating(true);
            else sessions.switchTo(event.target.value);
          }}
        >
          {sessions.all.map((session) => (
            <option key={session.workspaceId} value={session.workspaceId}>
              {session.workspaceName}
            </option>
          ))}
          <option value="+new">New workspace…</option>
        </select>
      </label>
      <span className="muted">
        {current?.memberName} ({current?.role})
      </span>
      <button type="button" className="secondary small" onClick={sessions.signOut}>
        Sign out
      </button>
      {creating ? (
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            const name = String(new FormData(event.currentTarget).get('name') ?? '').trim();
            apiRequest<{ token: string }>('/workspaces', { method: 'POST', body: { name } })
              .then(({ token }) => sessionForToken(token))
              .then((session) => {
                sessions.add(session);
                setCreating(false);
                setError(undefined);
              }, setError);
          }}
        >
          <input name="name" placeholder="Workspace name" aria-label="New workspace name" required />
          <button type="submit" className="small">
            Create
          </button>
          <button type="button" className="secondary small" onClick={() => setCreating(false)}>
            Cancel
          </button>
          <ErrorMessage error={error} />
        </form>
      ) : null}
    </div>
  );
}
