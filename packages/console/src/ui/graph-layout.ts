import type { GraphPoint } from './graph-types.js';

const COLUMN_WIDTH = 300;
const ROW_HEIGHT = 130;

/**
 * A simple layered layout for graphs whose document has no canvas positions: each node goes one
 * column right of its furthest predecessor (longest path from an entry node), stacked in the order
 * the document lists them. Enough for the small acyclic graphs workflows are; nodes on a cycle (a
 * draft may have one) stay in the first column rather than looping.
 */
export function layeredPositions(
  nodeIds: readonly string[],
  edges: readonly { readonly source: string; readonly target: string }[],
): Map<string, GraphPoint> {
  const known = new Set(nodeIds);
  const incoming = new Map<string, number>(nodeIds.map((id) => [id, 0]));
  const outgoing = new Map<string, string[]>();
  for (const edge of edges) {
    if (!known.has(edge.source) || !known.has(edge.target)) continue;
    incoming.set(edge.target, (incoming.get(edge.target) ?? 0) + 1);
    outgoing.set(edge.source, [...(outgoing.get(edge.source) ?? []), edge.target]);
  }
  const layer = new Map<string, number>(nodeIds.map((id) => [id, 0]));
  const ready = nodeIds.filter((id) => incoming.get(id) === 0);
  while (ready.length > 0) {
    const id = ready.shift() as string;
    for (const next of outgoing.get(id) ?? []) {
      layer.set(next, Math.max(layer.get(next) ?? 0, (layer.get(id) ?? 0) + 1));
      const left = (incoming.get(next) ?? 0) - 1;
      incoming.set(next, left);
      if (left === 0) ready.push(next);
    }
  }
  const rows = new Map<number, number>();
  const positions = new Map<string, GraphPoint>();
  for (const id of nodeIds) {
    const column = layer.get(id) ?? 0;
    const row = rows.get(column) ?? 0;
    rows.set(column, row + 1);
    positions.set(id, { x: column * COLUMN_WIDTH, y: row * ROW_HEIGHT });
  }
  return positions;
}
