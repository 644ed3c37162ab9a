import { isRecord } from '../graph/is-record.js';
import type { WorkflowProblem } from '../graph/workflow-problem.js';
import type { WorkflowIcon } from './workflow-document.js';

/** App modes Dify has; only `workflow` apps run triggers, and only they are imported. */
export const DIFY_CHAT_APP_MODES = ['advanced-chat', 'chat', 'agent-chat', 'completion'] as const;

export interface ParsedDslApp {
  readonly name: string;
  readonly description: string;
  readonly icon: WorkflowIcon;
  /** Other `app` fields, kept for export. */
  readonly extra: Readonly<Record<string, unknown>>;
}

const ICON_TYPES = ['emoji', 'image', 'link'] as const;

/** Reads the `app` section; a mode other than `workflow` is refused. */
export function parseDslApp(raw: unknown): { problems: WorkflowProblem[]; app?: ParsedDslApp } {
  if (!isRecord(raw)) {
    return {
      problems: [
        { path: 'app', message: 'app must be a mapping with name and mode (the app section is missing)' },
      ],
    };
  }
  const { name, mode, description, icon, icon_type: iconType, icon_background: background, ...extra } = raw;
  const problems: WorkflowProblem[] = [];
  if (mode !== 'workflow') problems.push({ path: 'app.mode', message: modeMessage(mode) });
  if (typeof name !== 'string' || name.trim() === '') {
    problems.push({ path: 'app.name', message: 'app.name must be a non-empty string' });
  }
  if (description !== undefined && description !== null && typeof description !== 'string') {
    problems.push({ path: 'app.description', message: 'app.description must be a string' });
  }
  if (problems.length > 0) return { problems };
  return {
    problems,
    app: {
      name: name as string,
      description: typeof description === 'string' ? description : '',
      icon: {
        // Dify falls back to an emoji icon for an unknown icon type; so does Tripline.
        type: (ICON_TYPES as readonly unknown[]).includes(iconType)
          ? (iconType as WorkflowIcon['type'])
          : 'emoji',
        value: typeof icon === 'string' || typeof icon === 'number' ? String(icon) : '',
        background: typeof background === 'string' ? background : '#FFFFFF',
      },
      extra,
    },
  };
}

function modeMessage(mode: unknown): string {
  if ((DIFY_CHAT_APP_MODES as readonly unknown[]).includes(mode)) {
    return `app.mode is "${String(mode)}", but only workflow apps are supported (${DIFY_CHAT_APP_MODES.join(', ')} apps are not); export a workflow app from Dify`;
  }
  if (mode === undefined || mode === null) return 'app.mode is missing; it must be "workflow"';
  return `app.mode "${String(mode)}" is not a Dify app mode; it must be "workflow"`;
}
