import { isRecord } from '../graph/is-record.js';
import type { WorkflowProblem } from '../graph/workflow-problem.js';

const PATH = 'workflow.features';

/**
 * Dify's `features` mostly configure its web app (opening statement, speech, suggested
 * questions); they change nothing a run computes, so they are kept for export and ignored. Two
 * change what a run receives or returns and are refused when enabled: file upload (runs here take
 * no files) and content moderation (there is no moderation provider).
 */
export function checkDslFeatures(raw: unknown): WorkflowProblem[] {
  if (raw === undefined || raw === null) return [];
  if (!isRecord(raw)) return [{ path: PATH, message: `${PATH} must be a mapping` }];
  const problems: WorkflowProblem[] = [];
  const upload = raw.file_upload;
  if (isEnabled(upload) || (isRecord(upload) && isEnabled(upload.image))) {
    problems.push({
      path: `${PATH}.file_upload`,
      message: `${PATH}.file_upload is enabled, but Tripline runs take no uploaded files; disable file upload`,
    });
  }
  if (isEnabled(raw.sensitive_word_avoidance)) {
    problems.push({
      path: `${PATH}.sensitive_word_avoidance`,
      message: `${PATH}.sensitive_word_avoidance (content moderation) is enabled, but Tripline has no moderation; disable it`,
    });
  }
  return problems;
}

function isEnabled(value: unknown): boolean {
  return isRecord(value) && value.enabled === true;
}
