/**
 * One reason a workflow document or graph is refused. `path` locates it (`app.mode`,
 * `nodes[4]`, `edges[2].target`); `message` reads on its own and names the node ids involved and
 * the allowed values.
 */
export interface WorkflowProblem {
  readonly path: string;
  readonly message: string;
}
