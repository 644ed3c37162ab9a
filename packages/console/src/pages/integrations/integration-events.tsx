import { useState } from 'react';
import type { Integration } from '../../api/integration-types.js';
import { getIntegrationDetail } from '../../api/integrations-api.js';
import type { Parameter } from '../../api/parameter-types.js';
import { ErrorMessage, Loading } from '../../ui/feedback.js';
import { useAsync } from '../../ui/use-async.js';

/**
 * What the integration sends: each event with its description and the filters a trigger on it
 * offers. The filters come from the integration's detail, which is large; the list shows first.
 */
export function IntegrationEvents({ integration }: { readonly integration: Integration }) {
  const detail = useAsync(() => getIntegrationDetail(integration.id), [integration.id]);
  const [filter, setFilter] = useState('');
  const wanted = filter.trim().toLowerCase();
  const filtersByEvent = new Map(detail.data?.events.map((event) => [event.name, event.parameters]) ?? []);
  const events = integration.events.filter(
    (event) =>
      wanted === '' ||
      event.name.toLowerCase().includes(wanted) ||
      event.label.toLowerCase().includes(wanted) ||
      event.description.toLowerCase().includes(wanted),
  );
  return (
    <section aria-labelledby="events-heading">
      <div className="spread">
        <h2 id="events-heading">Events ({integration.events.length})</h2>
        <input
          type="search"
          placeholder="Filter events…"
          aria-label="Filter events"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
      </div>
      <ErrorMessage error={detail.error} />
      {detail.loading && !detail.data ? <Loading what="event filters" /> : null}
      <table aria-label="Events">
        <thead>
          <tr>
            <th>Event</th>
            <th>Description</th>
            <th>Filters</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.name}>
              <td>
                <strong>{event.label}</strong>
                <div>
                  <code className="muted">{event.name}</code>
                </div>
              </td>
              <td>{event.description}</td>
              <td>
                <EventFilters parameters={filtersByEvent.get(event.name)} />
              </td>
            </tr>
          ))}
          {events.length === 0 ? (
            <tr>
              <td colSpan={3} className="muted">
                No event matches “{filter}”.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </section>
  );
}

function EventFilters({ parameters }: { readonly parameters: readonly Parameter[] | undefined }) {
  if (parameters === undefined) return <span className="muted">…</span>;
  if (parameters.length === 0) return <span className="muted">none</span>;
  return (
    <ul className="plain-list">
      {parameters.map((parameter) => (
        <li key={parameter.name}>
          <span title={parameter.description}>{parameter.label}</span>
          {parameter.options && parameter.options.length > 0 ? (
            <details>
              <summary className="muted">{parameter.options.length} choices</summary>
              <span className="muted">{parameter.options.map((option) => option.label).join(', ')}</span>
            </details>
          ) : (
            <span className="muted"> ({parameter.type})</span>
          )}
        </li>
      ))}
    </ul>
  );
}
