import { WEBHOOK_EVENTS, type WebhookEvent } from '../../engine/self-service/webhook-fanout';

type Schema = Record<string, unknown>;

const journey: Schema = {
  type: 'object',
  required: ['id', 'type'],
  additionalProperties: false,
  properties: {
    id: {
      type: 'string',
      format: 'uuid',
      description: 'Journey id: GET /api/self-service/journeys/{id} shows your steps and nextActions.',
    },
    type: { type: 'string', description: 'Journey type id (GET /api/journey-types/{type}).' },
  },
};

const step = (status: string[], reason: boolean): Schema => ({
  type: 'object',
  required: ['id', 'system', 'status'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', description: "The step's id in the journey type's `steps`." },
    system: { type: 'string', description: 'Your authority system: deliveries only ever concern its own steps.' },
    status: { type: 'string', enum: status },
    ...(reason ? { reason: { type: 'string', description: 'Short machine-readable reason (never personal data).' } } : {}),
  },
});

const task: Schema = {
  type: 'object',
  required: ['token', 'expiresAt', 'completeEvent', 'failEvent', 'completeUrl', 'failUrl'],
  additionalProperties: false,
  properties: {
    token: { type: 'string', minLength: 20, description: 'Single-use task token: sent only in this delivery, kept only as a hash.' },
    expiresAt: { type: 'string', format: 'date-time' },
    completeEvent: {
      type: 'string',
      description: 'The event whose data completes the step (schema: GET /api/journey-types/{type}, events[]).',
    },
    failEvent: {
      type: ['string', 'null'],
      description:
        'The event sent with { reason } when the solution cannot complete the step; null: a failure flags the step for caseworkers.',
    },
    completeUrl: { type: 'string', description: 'POST { data } here with your client-credentials token.' },
    failUrl: { type: 'string', description: 'POST { reason } here with your client-credentials token.' },
  },
};

const envelope = (type: WebhookEvent, data: Schema): Schema => ({
  type: 'object',
  required: ['id', 'type', 'createdAt', 'data'],
  additionalProperties: false,
  properties: {
    id: {
      type: 'string',
      format: 'uuid',
      description: 'Delivery id, the same in every attempt and in the x-livsforloeb-delivery header: deduplicate on it.',
    },
    type: { type: 'string', const: type },
    createdAt: { type: 'string', format: 'date-time' },
    data,
  },
});

const PAYLOADS: Record<WebhookEvent, Schema> = {
  'step.awaiting': envelope('step.awaiting', {
    type: 'object',
    required: ['journey', 'step', 'task', 'links'],
    additionalProperties: false,
    properties: {
      journey,
      step: step(['active'], false),
      task,
      links: {
        type: 'object',
        required: ['returnUrl', 'selfService'],
        additionalProperties: false,
        properties: {
          returnUrl: { type: 'string', description: "The citizen's journey page, to send the citizen back to." },
          selfService: { type: ['string', 'null'], description: 'Your deep link for the step, when one is configured.' },
        },
      },
    },
  }),
  'step.completed': envelope('step.completed', {
    type: 'object',
    required: ['journey', 'step'],
    additionalProperties: false,
    properties: { journey, step: step(['done'], true) },
  }),
  'step.failed': envelope('step.failed', {
    type: 'object',
    required: ['journey', 'step'],
    additionalProperties: false,
    properties: { journey, step: step(['failed'], true) },
  }),
  'correction.requested': envelope('correction.requested', {
    type: 'object',
    required: ['correction', 'journey', 'links'],
    additionalProperties: false,
    properties: {
      correction: {
        type: 'object',
        required: ['id', 'fact', 'description', 'requestedAt'],
        additionalProperties: false,
        properties: {
          id: {
            type: 'string',
            format: 'uuid',
            description: 'The request: read it (with whom it concerns) and answer it at the links, with your client-credentials token.',
          },
          fact: { type: 'string', description: 'The register fact the citizen says is wrong (address, civilStatus, children, …).' },
          description: { type: 'string', minLength: 1, maxLength: 2000, description: "The citizen's own words." },
          requestedAt: { type: 'string', format: 'date-time' },
        },
      },
      journey,
      links: {
        type: 'object',
        required: ['detailsUrl', 'answerUrl'],
        additionalProperties: false,
        properties: {
          detailsUrl: { type: 'string', description: 'GET: the request and whom it concerns (the read is in the citizen’s access log).' },
          answerUrl: { type: 'string', description: 'POST { outcome: corrected | rejected, message }: once; 409 after.' },
        },
      },
    },
  }),
};

const SIGNATURE = 'x-livsforloeb-signature';
const VERIFY = [
  `Every delivery is signed with your subscription's secret (shown once, when the subscription is created).`,
  `The ${SIGNATURE} header is \`t=<unix seconds>,v1=<hex>\` where v1 = HMAC-SHA256(secret, "<t>.<raw body>").`,
  'To verify: take the raw body bytes before parsing, compute the HMAC over "<t>.<body>", compare it with v1 in constant time,',
  'and reject a delivery whose t is more than 5 minutes from your clock (a replay).',
  'Each attempt is signed afresh; the body and the delivery id stay the same.',
].join(' ');

const headers: Schema = {
  type: 'object',
  required: ['content-type', 'x-livsforloeb-delivery', 'x-livsforloeb-event', SIGNATURE],
  properties: {
    'content-type': { type: 'string', const: 'application/json' },
    'x-livsforloeb-delivery': { type: 'string', format: 'uuid', description: 'The delivery id (as `id` in the body).' },
    'x-livsforloeb-event': { type: 'string', enum: [...WEBHOOK_EVENTS] },
    [SIGNATURE]: { type: 'string', pattern: '^t=[0-9]+,v1=[0-9a-f]{64}$', description: VERIFY },
  },
};

const EXAMPLE_JOURNEY = { id: '7d9c2a4e-1f3b-4c5d-8e6f-0a1b2c3d4e5f', type: 'moving' };
const EXAMPLES: Record<WebhookEvent, Record<string, unknown>> = {
  'step.awaiting': {
    journey: EXAMPLE_JOURNEY,
    step: { id: 'logivaert-check', system: 'municipality', status: 'active' },
    task: {
      token: 'lft_3q2Yk8vR0mWcT1xZ9pLbN4sH7eJfA6uD',
      expiresAt: '2026-06-05T08:00:00.000Z',
      completeEvent: 'logivaert.decided',
      failEvent: null,
      completeUrl: 'https://livsforloeb.example/api/hooks/tasks/lft_3q2Yk8vR0mWcT1xZ9pLbN4sH7eJfA6uD/complete',
      failUrl: 'https://livsforloeb.example/api/hooks/tasks/lft_3q2Yk8vR0mWcT1xZ9pLbN4sH7eJfA6uD/fail',
    },
    links: { returnUrl: 'https://livsforloeb.example/journeys/7d9c2a4e-1f3b-4c5d-8e6f-0a1b2c3d4e5f', selfService: null },
  },
  'step.completed': { journey: EXAMPLE_JOURNEY, step: { id: 'logivaert-check', system: 'municipality', status: 'done' } },
  'step.failed': {
    journey: EXAMPLE_JOURNEY,
    step: { id: 'logivaert-check', system: 'municipality', status: 'failed', reason: 'authority-failed' },
  },
  'correction.requested': {
    correction: {
      id: '3b0f5a2c-8d1e-4f6a-9b7c-2e4d6f8a0c1e',
      fact: 'address',
      description: 'Jeg bor ikke længere på den adresse.',
      requestedAt: '2026-06-02T10:00:00.000Z',
    },
    journey: EXAMPLE_JOURNEY,
    links: {
      detailsUrl: 'https://livsforloeb.example/api/hooks/corrections/3b0f5a2c-8d1e-4f6a-9b7c-2e4d6f8a0c1e',
      answerUrl: 'https://livsforloeb.example/api/hooks/corrections/3b0f5a2c-8d1e-4f6a-9b7c-2e4d6f8a0c1e/answer',
    },
  },
};

const SUMMARY: Record<WebhookEvent, string> = {
  'step.awaiting': 'A step of your authority waits for your solution: the body carries the single-use task token to complete (or fail) it.',
  'step.completed': 'A step of your authority is done.',
  'step.failed': 'A step of your authority failed: caseworkers are asked to help.',
  'correction.requested':
    'A citizen says a register fact your authority keeps is wrong (Mit overblik, "Er det forkert?"): read the request and answer it.',
};

const key = (event: WebhookEvent) => event.replace(/\.(\w)/g, (_m, c: string) => c.toUpperCase());

/** The payload schema of each webhook event, as the AsyncAPI document publishes it (for tests and docs). */
export const WEBHOOK_PAYLOADS = PAYLOADS;
export const WEBHOOK_HEADERS = headers;

/**
 * The machine-readable contract of the webhooks (AsyncAPI 3): one channel per event, the payload and
 * header schemas, and how to verify the signature. The service is the sender; your solution receives
 * each message as an HTTP POST to the URL of your subscription.
 */
export function asyncApiDocument(baseUrl = ''): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const event of WEBHOOK_EVENTS) {
    const id = key(event);
    messages[id] = {
      name: event,
      title: event,
      summary: SUMMARY[event],
      contentType: 'application/json',
      headers,
      payload: PAYLOADS[event],
      examples: [
        {
          name: `${id}Example`,
          headers: {
            'content-type': 'application/json',
            'x-livsforloeb-delivery': '0b8f7c2e-5a41-4d6b-9f3e-2c1d0e9f8a7b',
            'x-livsforloeb-event': event,
            [SIGNATURE]: `t=1780646400,v1=${'0'.repeat(64)}`,
          },
          payload: {
            id: '0b8f7c2e-5a41-4d6b-9f3e-2c1d0e9f8a7b',
            type: event,
            createdAt: '2026-05-22T08:00:00.000Z',
            data: EXAMPLES[event],
          },
        },
      ],
    };
    channels[id] = {
      address: event,
      title: event,
      description: SUMMARY[event],
      messages: { [id]: { $ref: `#/components/messages/${id}` } },
    };
    operations[`send${id.charAt(0).toUpperCase()}${id.slice(1)}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${id}` },
      summary: `POST ${event} to each live subscription of the step's authority (subscribe with POST /api/self-service/webhooks)`,
      messages: [{ $ref: `#/channels/${id}/messages/${id}` }],
      bindings: { http: { method: 'POST', bindingVersion: '0.3.0' } },
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Livsforløb webhooks',
      version: '1.0.0',
      description: [
        "Deliveries to an authority's self-service solution about its own steps.",
        'Each is an HTTP POST with a JSON body to the URL of a webhook subscription, retried with backoff until your endpoint answers 2xx.',
        'The same delivery may arrive more than once: deduplicate on its id.',
        VERIFY,
        `The HTTP API is described in OpenAPI at ${baseUrl}/api/docs-json.`,
      ].join(' '),
      externalDocs: { description: 'OpenAPI document of the HTTP API', url: `${baseUrl}/api/docs-json` },
    },
    defaultContentType: 'application/json',
    servers: {
      subscriber: {
        host: 'your-solution.example',
        protocol: 'https',
        description: 'Your endpoint, as given in the subscription (POST /api/self-service/webhooks { url, events }).',
      },
    },
    channels,
    operations,
    components: { messages },
  };
}
