import { parseDocument } from 'yaml';
import type { WorkflowProblem } from '../graph/workflow-problem.js';
import type { DslFormat } from './workflow-document.js';

export type ReadDocumentResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly problems: readonly WorkflowProblem[] };

const MAX_SYNTAX_PROBLEMS = 10;

/**
 * Turns document text into plain values, refusing text over `maxBytes` before parsing it and
 * reporting syntax errors with their line and column.
 */
export function readDocumentText(text: string, format: DslFormat, maxBytes: number): ReadDocumentResult {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) {
    return refuse('document', `the document is ${bytes} bytes; the limit is ${describeBytes(maxBytes)}`);
  }
  return format === 'json' ? readJson(text) : readYaml(text);
}

function readYaml(text: string): ReadDocumentResult {
  // YAML 1.2 core schema reads what PyYAML writes in Dify exports (it quotes strings that would
  // otherwise read as booleans or numbers); aliases stay bounded by the default maxAliasCount.
  const document = parseDocument(text, { uniqueKeys: true });
  if (document.errors.length > 0) {
    return {
      ok: false,
      problems: document.errors.slice(0, MAX_SYNTAX_PROBLEMS).map((error) => {
        const at = error.linePos?.[0];
        const where = at ? ` at line ${at.line}, column ${at.col}` : '';
        return { path: 'document', message: `YAML syntax error${where}: ${firstSentence(error.message)}` };
      }),
    };
  }
  try {
    return { ok: true, value: document.toJS() };
  } catch (error) {
    return refuse('document', `the YAML document cannot be read: ${(error as Error).message}`);
  }
}

function readJson(text: string): ReadDocumentResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message);
    const where = position ? ` at ${lineAndColumn(text, Number(position[1]))}` : '';
    return refuse(
      'document',
      `JSON syntax error${where}: ${message.replace(/ in JSON at position \d+.*$/s, '')}`,
    );
  }
}

/** The message without the position and source excerpt the yaml package appends. */
function firstSentence(message: string): string {
  return message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

function describeBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

function refuse(path: string, message: string): ReadDocumentResult {
  return { ok: false, problems: [{ path, message }] };
}
