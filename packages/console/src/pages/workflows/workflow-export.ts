import { apiRequest } from '../../api/http.js';
import { downloadText, exportFilename } from './download-text.js';

/** What to export: the draft, the version published now, or one published version, earlier ones too. */
export type ExportSource = 'draft' | 'published' | { readonly versionId: string; readonly version: number };

/** Downloads the draft or a published version as the server exports it: a Dify DSL YAML file. */
export async function exportWorkflow(
  workflow: { readonly id: string; readonly name: string },
  source: ExportSource = 'draft',
): Promise<void> {
  const yaml = await apiRequest<string>(`/workflows/${encodeURIComponent(workflow.id)}/export`, {
    query: typeof source === 'string' ? { source } : { versionId: source.versionId },
    text: true,
  });
  const suffix = source === 'draft' ? '' : source === 'published' ? '-published' : `-v${source.version}`;
  downloadText(yaml, exportFilename(`${workflow.name}${suffix}`));
}
