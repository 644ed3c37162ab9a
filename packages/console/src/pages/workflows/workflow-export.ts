import { apiRequest } from '../../api/http.js';
import { downloadText, exportFilename } from './download-text.js';

/** Downloads the draft (or the published version) as the server exports it: a Dify DSL YAML file. */
export async function exportWorkflow(
  workflow: { readonly id: string; readonly name: string },
  source: 'draft' | 'published' = 'draft',
): Promise<void> {
  const yaml = await apiRequest<string>(`/workflows/${encodeURIComponent(workflow.id)}/export`, {
    query: { source },
    text: true,
  });
  downloadText(yaml, exportFilename(source === 'draft' ? workflow.name : `${workflow.name}-published`));
}
