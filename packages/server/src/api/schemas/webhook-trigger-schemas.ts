import { Type } from '@sinclair/typebox';

export const WebhookTriggerSchema = Type.Object({
  nodeId: Type.String(),
  title: Type.String(),
  webhookId: Type.String({ description: 'Unguessable; the same for the draft and every published version.' }),
  url: Type.String({
    description: 'Runs the published version: ANY {TRIGGER_URL}/triggers/webhook/{webhookId}.',
  }),
  debugUrl: Type.String({
    description:
      'Runs the draft while a listener waits on the node (else 409): ANY {TRIGGER_URL}/triggers/webhook-debug/{webhookId}.',
  }),
});

export const WebhookTriggerListSchema = Type.Object({ items: Type.Array(WebhookTriggerSchema) });
