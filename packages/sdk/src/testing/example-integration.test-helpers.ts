import { fixedClock } from '../clock.js';
import { defineIntegration } from '../define-integration.js';
import { signatureHeaders, verifySignature } from '../signatures/signature-scheme.js';
import type { ContractFixture } from './contract-fixture.js';
import { rawRequest } from './raw-request.js';

/** A small billing service that signs with Standard Webhooks: the shape most integrations take. */
export const exampleIntegration = defineIntegration({
  id: 'acme-billing',
  name: 'Acme Billing',
  description: 'Invoices from Acme Billing.',
  icon: 'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg"/>',
  subscription: {
    methods: ['manual'],
    properties: [{ name: 'signing_secret', label: 'Signing secret', type: 'secret', required: true }],
  },
  events: [
    {
      name: 'invoice',
      label: 'Invoice',
      description: 'An invoice was paid or voided.',
      parameters: [
        {
          name: 'actions',
          label: 'Actions',
          type: 'multi-select',
          options: [
            { value: 'paid', label: 'Paid' },
            { value: 'voided', label: 'Voided' },
          ],
          default: [],
        },
      ],
      outputSchema: {
        type: 'object',
        properties: { action: { type: 'string' }, amount: { type: 'number' } },
      },
      filter: ({ event, parameters }) => {
        const actions = parameters.actions;
        if (Array.isArray(actions) && actions.length > 0 && !actions.includes(event.action ?? ''))
          return { matched: false, reason: `action ${event.action} is not selected` };
        return { matched: true, variables: event.payload as Record<string, unknown> };
      },
    },
    {
      name: 'ping',
      label: 'Ping',
      description: 'Sent when the endpoint is registered.',
      parameters: [],
      outputSchema: { type: 'object' },
    },
  ],
  verify: ({ request, properties, clock }) => {
    const secret = properties.signing_secret;
    if (typeof secret !== 'string') return { ok: false, reason: 'property signing_secret is not set' };
    return verifySignature({ kind: 'standard-webhooks', secret }, request, clock);
  },
  parse: (request) => {
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder().decode(request.body));
    } catch {
      return { ok: false, status: 400, reason: 'body is not JSON' };
    }
    const type = (body as { type?: unknown } | null)?.type;
    const deliveryId = request.headers['webhook-id'];
    const base = { ok: true as const, response: { status: 204 }, ...(deliveryId ? { deliveryId } : {}) };
    if (type === 'ping') return { ...base, events: [] };
    if (type === 'invoice.paid' || type === 'invoice.voided') {
      const action = type.slice('invoice.'.length);
      return { ...base, events: [{ name: 'invoice' as const, action, payload: body }] };
    }
    return { ok: false, status: 400, reason: `type must be invoice.paid, invoice.voided or ping` };
  },
});

export const EXAMPLE_SECRET = 'whsec_c2VjcmV0LWtleS1mb3ItdGVzdHM=';
export const exampleClock = fixedClock(Date.parse('2026-02-01T09:30:00Z'));

/** A request Acme would send, signed at the example clock's time. */
export function exampleFixture(
  name: string,
  body: string,
  expectedEvents: ContractFixture['expectedEvents'],
): ContractFixture {
  const scheme = { kind: 'standard-webhooks', secret: EXAMPLE_SECRET } as const;
  const headers = {
    'content-type': 'application/json',
    ...signatureHeaders(scheme, { body, clock: exampleClock, id: `msg_${name.replaceAll(' ', '_')}` }),
  };
  return {
    name,
    request: rawRequest({ headers, body }),
    properties: { signing_secret: EXAMPLE_SECRET },
    expectedEvents,
  };
}

export const exampleFixtures: readonly ContractFixture[] = [
  exampleFixture('invoice paid', '{"type":"invoice.paid","amount":1200}', [
    { name: 'invoice', action: 'paid' },
  ]),
  exampleFixture('invoice voided', '{"type":"invoice.voided","amount":0}', [
    { name: 'invoice', action: 'voided' },
  ]),
  exampleFixture('ping', '{"type":"ping"}', []),
];
