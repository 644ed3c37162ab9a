import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';

type Fields = Record<string, unknown>;

/** The parts of a DSL document the tests change; everything else passes through untouched. */
export interface FixtureDocument {
  kind?: unknown;
  app: Fields;
  model_config?: unknown;
  workflow?: {
    environment_variables: Fields[];
    conversation_variables: Fields[];
    features: { file_upload: Fields };
    graph: { nodes: FixtureNode[]; edges: FixtureEdge[] };
  };
}

export interface FixtureNode extends Fields {
  id: unknown;
  data: Fields & { variables?: Fields[] };
}

export interface FixtureEdge extends Fields {
  id?: unknown;
  source: unknown;
  target: unknown;
  sourceHandle?: unknown;
  targetHandle?: unknown;
}

/** The text of a DSL fixture in ./fixtures. */
export function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

/** A fixture's plain values. */
export function fixtureDocument(name: string): FixtureDocument {
  return parse(fixture(name)) as FixtureDocument;
}

/** The graph of a fixture document, which every fixture has. */
export function graphOf(document: FixtureDocument): { nodes: FixtureNode[]; edges: FixtureEdge[] } {
  if (!document.workflow) throw new Error('the fixture has no workflow');
  return document.workflow.graph;
}

/** A fixture changed by `edit` on its plain values, written back as YAML. */
export function editedFixture(name: string, edit: (document: FixtureDocument) => void): string {
  const document = fixtureDocument(name);
  edit(document);
  return stringify(document, { aliasDuplicateObjects: false });
}
