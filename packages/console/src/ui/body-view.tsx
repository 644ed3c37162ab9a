import { formatBytes } from './format.js';

/**
 * A request or response body: indented when it is JSON, as sent otherwise. Bodies the server kept
 * as base64 (not UTF-8) are shown encoded, and said so.
 */
export function BodyView({
  body,
  encoding = 'utf8',
  size,
  label = 'Body',
}: {
  readonly body: string | null;
  readonly encoding?: 'utf8' | 'base64';
  readonly size?: number;
  readonly label?: string;
}) {
  if (body === null) return <p className="muted">{label}: not kept (refused before it was read).</p>;
  if (body === '') return <p className="muted">{label}: empty.</p>;
  return (
    <div>
      {encoding === 'base64' ? (
        <p className="muted">
          {label} is not UTF-8 text{size !== undefined ? ` (${formatBytes(size)})` : ''}; shown as base64.
        </p>
      ) : null}
      <figure className="body-view" aria-label={label}>
        <pre>{encoding === 'utf8' ? prettyJson(body) : body}</pre>
      </figure>
    </div>
  );
}

/** Indented JSON when the text parses, else the text unchanged. */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** Header names and values, one per row. */
export function HeadersTable({
  headers,
  label,
}: {
  readonly headers: Readonly<Record<string, string>>;
  readonly label: string;
}) {
  const entries = Object.entries(headers);
  if (entries.length === 0) return <p className="muted">No headers.</p>;
  return (
    <table className="compact" aria-label={label}>
      <tbody>
        {entries.map(([name, value]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td>
              <code>{value}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
