import { type ReactNode, useState } from 'react';
import { ApiError } from '../api/api-error.js';

/** An error in the server's words (ApiError carries the API's message and code). */
export function ErrorMessage({ error }: { readonly error: unknown }) {
  if (error === undefined || error === null) return null;
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof ApiError ? error.code : undefined;
  return (
    <div className="error" role="alert">
      {message}
      {code && code !== 'error' ? <span className="error-code"> ({code})</span> : null}
    </div>
  );
}

export function Loading({ what }: { readonly what?: string }) {
  return (
    <div className="loading" aria-busy="true">
      Loading{what ? ` ${what}` : ''}…
    </div>
  );
}

export function EmptyState({ title, children }: { readonly title: string; readonly children?: ReactNode }) {
  return (
    <div className="empty">
      <strong>{title}</strong>
      {children ? <div>{children}</div> : null}
    </div>
  );
}

/** Copies a value (callback URL, a secret shown once) and says so. */
export function CopyButton({ value, label = 'Copy' }: { readonly value: string; readonly label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="secondary small"
      onClick={() => {
        void navigator.clipboard?.writeText(value).then(
          () => {
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          },
          () => setCopied(false),
        );
      }}
    >
      {copied ? 'Copied' : label}
    </button>
  );
}
