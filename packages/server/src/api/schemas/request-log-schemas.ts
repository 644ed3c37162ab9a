import { Type } from '@sinclair/typebox';
import { REQUEST_OUTCOMES } from '../../store/records.js';

const OutcomeSchema = Type.Union(
  REQUEST_OUTCOMES.map((outcome) => Type.Literal(outcome)),
  {
    description:
      'accepted: verified, events wait for dispatch; no_events: verified, nothing to start; duplicate: a delivery id seen before; unauthorized: bad or missing signature; unreadable: a body the integration cannot read; too_large: over the size limit.',
  },
);

/** Logs per page when `limit` is not given. */
export const DEFAULT_LOG_PAGE_SIZE = 50;

const HeadersSchema = Type.Record(Type.String(), Type.String());

export const LogListQuery = Type.Object(
  {
    outcome: Type.Optional(OutcomeSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: DEFAULT_LOG_PAGE_SIZE })),
    before: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: 'nextCursor of the previous page.' }),
    ),
  },
  { additionalProperties: false },
);

export const LogParams = Type.Object({
  id: Type.String({ description: 'Subscription id.' }),
  logId: Type.String({ description: 'Request log id.' }),
});

export const RequestLogSchema = Type.Object({
  id: Type.String({ description: 'Time-ordered: ids sort as requests arrived.' }),
  receivedAt: Type.String({ format: 'date-time' }),
  request: Type.Object({
    method: Type.String(),
    path: Type.String(),
    headers: Type.Record(Type.String(), Type.String(), {
      description: 'Signature and authorization headers are redacted.',
    }),
    body: Type.Union([Type.String(), Type.Null()], {
      description: 'Null when the body was refused before it was read (too large).',
    }),
    bodyEncoding: Type.Union([Type.Literal('utf8'), Type.Literal('base64')], {
      description: 'utf8 when the bytes are valid UTF-8 text, else base64.',
    }),
    bodySize: Type.Integer({ description: 'Bytes in the whole body.' }),
    bodyTruncated: Type.Boolean({
      description: 'Lists show the first 64 KiB of a body; GET of one log shows all of it.',
    }),
  }),
  response: Type.Object({
    status: Type.Integer(),
    headers: HeadersSchema,
    body: Type.String(),
  }),
  deliveryId: Type.Union([Type.String(), Type.Null()], { description: "The sender's delivery id." }),
  events: Type.Array(Type.Object({ name: Type.String(), action: Type.Optional(Type.String()) })),
  outcome: OutcomeSchema,
  reason: Type.Union([Type.String(), Type.Null()]),
  dispatchState: Type.Union([Type.Literal('pending'), Type.Literal('done'), Type.Literal('none')], {
    description: 'pending: waiting to start workflows; done: dispatched; none: nothing to dispatch.',
  }),
  runs: Type.Array(Type.String(), { description: 'Runs this delivery started.' }),
  dispatch: Type.Array(
    Type.Object({
      index: Type.Integer(),
      name: Type.String(),
      action: Type.Optional(Type.String()),
      outcome: Type.Union([
        Type.Literal('triggered'),
        Type.Literal('no_listener'),
        Type.Literal('unreadable'),
      ]),
      reason: Type.Optional(Type.String()),
      triggers: Type.Array(
        Type.Object({
          outcome: Type.Union([
            Type.Literal('ran'),
            Type.Literal('filtered_out'),
            Type.Literal('disabled'),
            Type.Literal('error'),
          ]),
          workflowId: Type.String(),
          nodeId: Type.String(),
          runId: Type.Optional(Type.String()),
          draft: Type.Optional(Type.Boolean({ description: 'A run of the draft, for a listener.' })),
          reason: Type.Optional(Type.String()),
        }),
      ),
    }),
    { description: 'Per event: what each listening trigger did with it, or why none ran.' },
  ),
  replayOf: Type.Union([Type.String(), Type.Null()], { description: 'The log this one replays.' }),
});

export const RequestLogPageSchema = Type.Object({
  items: Type.Array(RequestLogSchema, { description: 'Newest first.' }),
  nextCursor: Type.Union([Type.String(), Type.Null()], {
    description: 'Pass as `before` for the next, older page; null on the last page.',
  }),
});

export const ReplayAnswerSchema = Type.Object({
  id: Type.String({ description: 'The new request log.' }),
  replayOf: Type.String({ description: 'The log that was replayed.' }),
});
