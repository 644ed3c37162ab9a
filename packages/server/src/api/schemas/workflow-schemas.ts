import { Type } from '@sinclair/typebox';

const FreeObject = Type.Record(Type.String(), Type.Unknown());

export const WorkflowParams = Type.Object({ id: Type.String({ description: 'Workflow id.' }) });

export const TriggerParams = Type.Object({
  id: Type.String({ description: 'Workflow id.' }),
  nodeId: Type.String({ description: 'Id of an entry node of the published version.' }),
});

const summaryFields = {
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  publishedVersion: Type.Union([Type.Integer(), Type.Null()], {
    description: 'Number of the published version (1, 2, ...), or null while only the draft exists.',
  }),
  publishedVersionId: Type.Union([Type.String(), Type.Null()]),
  draftUpdatedAt: Type.String({ format: 'date-time' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
};

export const WorkflowSummarySchema = Type.Object(summaryFields);

export const WorkflowSchema = Type.Object({
  ...summaryFields,
  icon: Type.Object({
    type: Type.Union([Type.Literal('emoji'), Type.Literal('image'), Type.Literal('link')]),
    value: Type.String(),
    background: Type.String(),
  }),
});

export const WorkflowListSchema = Type.Object({ items: Type.Array(WorkflowSummarySchema) });

const ProblemSchema = Type.Object({
  path: Type.String({ description: 'Where: nodes[3], edges[1].target, app.mode...' }),
  message: Type.String({ description: 'What is wrong, naming the node ids and the allowed values.' }),
});

export const DraftSchema = Type.Object({
  workflowId: Type.String(),
  name: Type.String(),
  description: Type.String(),
  graph: Type.Object(
    { nodes: Type.Array(FreeObject), edges: Type.Array(FreeObject) },
    { description: "Nodes and edges as Dify's DSL writes them; send it back in PUT as it was read." },
  ),
  environmentVariables: Type.Array(
    Type.Object({
      name: Type.String(),
      valueType: Type.String(),
      value: Type.Union([Type.String(), Type.Number()]),
    }),
  ),
  problems: Type.Array(ProblemSchema, {
    description: 'What must be fixed before the draft can be published or run; empty when none.',
  }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const VersionParams = Type.Object({
  id: Type.String({ description: 'Workflow id.' }),
  versionId: Type.String({ description: 'Id of a published version, as GET .../versions lists them.' }),
});

const versionSummaryFields = {
  id: Type.String(),
  workflowId: Type.String(),
  version: Type.Integer({ description: '1 for the first publication, then 2, 3...' }),
  publishedAt: Type.String({ format: 'date-time' }),
  publishedBy: Type.String({ description: 'Id of the member who published it.' }),
};

export const VersionListSchema = Type.Object({
  items: Type.Array(Type.Object(versionSummaryFields), {
    description: 'Newest first: the first item is the published version.',
  }),
});

export const VersionSchema = Type.Object(
  {
    ...versionSummaryFields,
    name: Type.String(),
    description: Type.String(),
    graph: DraftSchema.properties.graph,
    environmentVariables: DraftSchema.properties.environmentVariables,
  },
  { description: 'A published version: immutable; its graph in the shape GET .../draft gives the draft.' },
);

export const ExportQuery = Type.Object(
  {
    source: Type.Optional(
      Type.Union([Type.Literal('draft'), Type.Literal('published')], {
        default: 'draft',
        description: 'The draft (default) or the published version.',
      }),
    ),
    versionId: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description:
          'A published version of this workflow, the current one or an earlier one; takes the place of source.',
      }),
    ),
    shared: Type.Optional(
      Type.Boolean({
        default: false,
        description:
          "Clear the workspace's subscription ids and webhook URLs, as Dify's export does, to share the document.",
      }),
    ),
  },
  { additionalProperties: false },
);

export const TriggerSchema = Type.Object({
  nodeId: Type.String(),
  type: Type.Union(
    ['start', 'trigger-plugin', 'trigger-webhook', 'trigger-schedule'].map((type) => Type.Literal(type)),
  ),
  title: Type.String(),
  enabled: Type.Boolean(),
  state: Type.Union(
    [Type.Literal('active'), Type.Literal('disabled'), Type.Literal('subscription_deleted')],
    {
      description:
        'active: fires on matching events; disabled: switched off (events are recorded as disabled); subscription_deleted: its subscription is gone, it never fires until the workflow is published with another.',
    },
  ),
  integration: Type.Union([Type.String(), Type.Null()]),
  event: Type.Union([Type.String(), Type.Null()]),
  subscriptionId: Type.Union([Type.String(), Type.Null()]),
  eventParameters: FreeObject,
  nextRuns: Type.Optional(
    Type.Array(Type.String({ format: 'date-time' }), {
      description: 'Schedule triggers: the next five times they fire',
    }),
  ),
});

export const TriggerListSchema = Type.Object({
  publishedVersion: Type.Union([Type.Integer(), Type.Null()]),
  items: Type.Array(TriggerSchema),
});

export const TriggerPatchBody = Type.Object({ enabled: Type.Boolean() }, { additionalProperties: false });
