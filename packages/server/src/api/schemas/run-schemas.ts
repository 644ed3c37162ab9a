import { Type } from '@sinclair/typebox';
import { RUN_STATUSES } from '../../store/workflow-records.js';

const FreeObject = Type.Record(Type.String(), Type.Unknown());

/** Runs per page when `limit` is not given. */
export const DEFAULT_RUN_PAGE_SIZE = 50;

export const RunParams = Type.Object({ id: Type.String({ description: 'Run id.' }) });

export const RunListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: DEFAULT_RUN_PAGE_SIZE })),
    before: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: 'nextCursor of the previous page.' }),
    ),
  },
  { additionalProperties: false },
);

const RunStatusSchema = Type.Union(
  RUN_STATUSES.map((status) => Type.Literal(status)),
  { description: 'queued: waiting for a worker; running; succeeded; failed.' },
);

export const WorkspaceRunListQuery = Type.Object(
  {
    workflowId: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description: "Only this workflow's runs; an id the workspace does not have lists none.",
      }),
    ),
    status: Type.Optional(RunStatusSchema),
    ...RunListQuery.properties,
  },
  { additionalProperties: false },
);

export const DraftRunBody = Type.Object(
  {
    inputs: Type.Optional(FreeObject),
    nodeId: Type.Optional(
      Type.String({
        description:
          "The entry node to run from; default the start node. For a trigger node, inputs are what it receives (an event's variables).",
      }),
    ),
  },
  { additionalProperties: false },
);

const TriggerSchema = Type.Object(
  {
    nodeId: Type.String(),
    type: Type.String(),
    subscriptionId: Type.Optional(Type.String()),
    event: Type.Optional(Type.String()),
    action: Type.Optional(Type.String()),
    deliveryLogId: Type.Optional(
      Type.String({ description: 'The request log whose event started the run.' }),
    ),
    eventIndex: Type.Optional(Type.Integer()),
  },
  { description: 'What started the run.' },
);

const summaryFields = {
  id: Type.String({ description: 'Time-ordered: ids sort as runs were created.' }),
  workflowId: Type.String(),
  versionId: Type.Union([Type.String(), Type.Null()], { description: 'Null for a run of the draft.' }),
  draft: Type.Boolean(),
  status: RunStatusSchema,
  trigger: TriggerSchema,
  invokeFrom: Type.String({ description: "Dify's sys.invoke_from: trigger, debugger..." }),
  error: Type.Union([Type.String(), Type.Null()]),
  attempt: Type.Integer({ description: '1, then one more for each retry.' }),
  retryOf: Type.Union([Type.String(), Type.Null()], { description: 'The failed run this one retries.' }),
  createdAt: Type.String({ format: 'date-time' }),
  startedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
};

export const RunSummarySchema = Type.Object(summaryFields);

const NodeTraceSchema = Type.Object({
  nodeId: Type.String(),
  type: Type.String(),
  title: Type.String(),
  status: Type.Union([Type.Literal('succeeded'), Type.Literal('failed'), Type.Literal('skipped')], {
    description: 'skipped: not on the path the run took.',
  }),
  inputs: Type.Optional(FreeObject),
  outputs: Type.Optional(FreeObject),
  branch: Type.Optional(Type.String({ description: 'The if-else branch taken.' })),
  error: Type.Optional(Type.String()),
  startedAt: Type.Optional(Type.String({ format: 'date-time' })),
  finishedAt: Type.Optional(Type.String({ format: 'date-time' })),
});

export const RunSchema = Type.Object({
  ...summaryFields,
  inputs: FreeObject,
  outputs: Type.Union([FreeObject, Type.Null()]),
  trace: Type.Array(NodeTraceSchema),
});

export const RunPageSchema = Type.Object({
  items: Type.Array(RunSummarySchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
