import { useEffect } from 'react';
import { Link } from '../../../app/router.js';
import { ErrorMessage, Loading } from '../../../ui/feedback.js';
import { useAsync } from '../../../ui/use-async.js';
import { getBuilder } from '../integrations-api.js';
import { builderPath } from '../paths.js';

/**
 * Where the provider's redirect lands (`/oauth-result?builder=…&outcome=connected|failed&message=…`):
 * connected goes on to the same setup's next step; failed says why and offers to try again.
 */
export function OAuthResultPage({ query }: { readonly query: URLSearchParams }) {
  const builderId = query.get('builder') ?? undefined;
  const outcome = query.get('outcome');
  const message = query.get('message');
  const builder = useAsync(
    () => (builderId ? getBuilder(builderId) : Promise.resolve(undefined)),
    [builderId ?? ''],
  );
  const target = builder.data ? builderPath(builder.data.integration, builder.data.id) : undefined;

  useEffect(() => {
    // Replace, so Back from the setup does not land here and bounce forward again.
    if (outcome === 'connected' && target) window.location.replace(`#${target}`);
  }, [outcome, target]);

  if (outcome === 'connected') {
    if (builder.error) {
      return (
        <>
          <h1>Connected</h1>
          <p>The authorization was saved, but its subscription setup could not be opened:</p>
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
