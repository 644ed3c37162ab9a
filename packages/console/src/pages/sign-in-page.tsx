import { useState } from 'react';
import { sessionForToken, type WorkspaceSession } from '../app/session.js';
import { ErrorMessage } from '../ui/feedback.js';

/**
 * Sign-in with an API token: the owner's token is printed once at first start (or set with
 * TRIPLINE_BOOTSTRAP_TOKEN); every other member gets one from an owner.
 */
export function SignInPage({ onSignedIn }: { readonly onSignedIn: (session: WorkspaceSession) => void }) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  return (
    <div className="sign-in">
      <h1>Tripline</h1>
      <p>Sign in with an API token. The first start of the server prints the owner's token.</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const token = String(new FormData(event.currentTarget).get('token') ?? '').trim();
          if (!token) return;
          setBusy(true);
          sessionForToken(token).then(
            (session) => {
              setError(undefined);
              onSignedIn(session);
            },
            (failure: unknown) => {
              setError(failure);
              setBusy(false);
            },
          );
        }}
      >
        <label>
          API token
          <input name="token" type="password" autoComplete="off" placeholder="tl_…" required />
        </label>
        <button type="submit" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
        <ErrorMessage error={error} />
      </form>
    </div>
  );
}
