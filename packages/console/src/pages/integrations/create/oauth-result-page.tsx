import { useEffect } from 'react';
import { apiRequest } from '../../../api/http.js';
import { getBuilder } from '../../../api/integrations-api.js';
import type { Builder } from '../../../api/subscription-types.js';
import { Link } from '../../../app/router.js';
import { ErrorMessage, Loading } from '../../../ui/feedback.js';
import { useAsync } from '../../../ui/use-async.js';
import { builderPath } from '../paths.js';

/** One confirm request per confirmation, however often the page mounts: the server takes it once. */
const confirming = new Map<string, Promise<Builder>>();

/** Saves the authorization with this session: only the member who started it may (403 otherwise). */
function confirmOnce(builderId: string, confirmation: string): Promise<Builder> {
  let pending = confirming.get(confirmation);
  if (!pending) {
    pending = apiRequest<Builder>(`/subscription-builders/${encodeURIComponent(builderId)}/oauth/confirm`, {
      method: 'POST',
      body: { confirmation },
    });
    confirming.set(confirmation, pending);
  }
  return pending;
}

/**
 * Where the provider's redirect lands (`/oauth-result?builder=…&outcome=authorized&confirmation=…`
 * or `outcome=failed&message=…`): authorized is confirmed with this session, then goes on to the
 * same setup's next step; failed (or a refused confirmation) says why and offers to try again.
 */
export function OAuthResultPage({ query }: { readonly query: URLSearchParams }) {
  const builderId = query.get('builder') ?? undefined;
  const outcome = query.get('outcome');
  const message = query.get('message');
  const confirmation = outcome === 'authorized' ? (query.get('confirmation') ?? undefined) : undefined;
  const builder = useAsync(
    () =>
      builderId && confirmation
        ? confirmOnce(builderId, confirmation)
        : builderId
          ? getBuilder(builderId)
          : Promise.resolve(undefined),
    [builderId ?? '', confirmation ?? ''],
  );
  const target = builder.data ? builderPath(builder.data.integration, builder.data.id) : undefined;

  useEffect(() => {
    // Replace, so Back from the setup does not land here and bounce forward again.
    if (outcome === 'authorized' && target) window.location.replace(`#${target}`);
  }, [outcome, target]);

  if (outcome === 'authorized') {
    if (builder.error) {
      // The server's words: e.g. the authorization was started by someone else, or expired.
      return (
        <>
          <h1>Authorization not saved</h1>
          <ErrorMessage error={builder.error} />
          <Link to="/integrations">Go to integrations</Link>
        </>
      );
    }
    return <Loading what="the subscription setup" />;
  }
  return (
    <>
      <h1>Authorization failed</h1>
      <div className="error" role="alert">
        {message ?? 'The provider did not say why.'}
      </div>
      {target ? (
        <Link to={target}>Back to the subscription setup to try again</Link>
      ) : (
        <Link to="/integrations">Go to integrations</Link>
      )}
    </>
  );
}
