import type { WorkflowVersionSummary } from '../../api/workflow-types.js';

/** The value the draft has in the switcher; versions go by their ids. */
export const DRAFT_OPTION = 'draft';

/**
 * The version switcher: the draft, then every published version, newest first. The version that
 * is published now (the one whose triggers fire) says so.
 */
export function VersionSelect({
  versions,
  publishedVersionId,
  selected,
  onSelect,
}: {
  readonly versions: readonly WorkflowVersionSummary[];
  readonly publishedVersionId: string | null;
  /** A version id, or {@link DRAFT_OPTION}. */
  readonly selected: string;
  readonly onSelect: (value: string) => void;
}) {
  return (
    <label className="inline-label">
      Version{' '}
      <select aria-label="Version" value={selected} onChange={(event) => onSelect(event.currentTarget.value)}>
        <option value={DRAFT_OPTION}>Draft</option>
        {versions.map((version) => (
          <option
            key={version.id}
            value={version.id}
            title={`Published ${new Date(version.publishedAt).toLocaleString()}`}
          >
            {`Version ${version.version}${version.id === publishedVersionId ? ' (published)' : ''}`}
          </option>
        ))}
      </select>
    </label>
  );
}
