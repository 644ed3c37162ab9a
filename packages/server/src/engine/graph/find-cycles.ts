import type { GraphIndex } from './graph-index.js';

/**
 * The groups of nodes that lie on a cycle (strongly connected components with more than one node,
 * or a node with an edge to itself), each listed in graph order. Empty for a DAG.
 */
export function findCycles(index: GraphIndex): string[][] {
  const order = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let counter = 0;

  // Tarjan's algorithm with an explicit stack of (node, next edge) frames: graphs come from
  // documents, so recursion depth must not depend on their shape.
  for (const root of index.nodeById.keys()) {
    if (order.has(root)) continue;
    const frames: { id: string; next: number }[] = [{ id: root, next: 0 }];
    visit(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const edges = index.outgoing.get(frame.id) ?? [];
      if (frame.next < edges.length) {
        const target = edges[frame.next]!.target;
        frame.next += 1;
        if (!order.has(target)) {
          visit(target);
          frames.push({ id: target, next: 0 });
        } else if (onStack.has(target)) {
          lowLink.set(frame.id, Math.min(lowLink.get(frame.id)!, order.get(target)!));
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) lowLink.set(parent.id, Math.min(lowLink.get(parent.id)!, lowLink.get(frame.id)!));
      if (lowLink.get(frame.id) === order.get(frame.id)) collectComponent(frame.id);
    }
  }
  return cycles.sort((a, b) => position(a[0]!) - position(b[0]!));

  function visit(id: string): void {
    order.set(id, counter);
    lowLink.set(id, counter);
    counter += 1;
    stack.push(id);
    onStack.add(id);
  }

  function collectComponent(rootId: string): void {
    const component: string[] = [];
    let id: string | undefined;
    do {
      id = stack.pop()!;
      onStack.delete(id);
      component.push(id);
    } while (id !== rootId);
    const selfLoop = (index.outgoing.get(rootId) ?? []).some((edge) => edge.target === rootId);
    if (component.length > 1 || selfLoop) cycles.push(component.sort((a, b) => position(a) - position(b)));
  }

  function position(id: string): number {
    return index.positionById.get(id) ?? 0;
  }
}
