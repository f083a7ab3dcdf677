import { anyObject, date, dateTime, list, nullable, object, ref, stepStatus, uuid, type SchemaObject } from './schema-kit';

/** What self-service solutions, the register feed and caseworkers read and get back. */
const taskOutcome = {
  journeyId: uuid,
  step: { type: 'string', example: 'logivaert-check' },
  event: { type: 'string', description: 'The journey event that was applied, or `authority.failed` when the step was flagged' },
  seq: { type: 'integer' },
};

export const SELF_SERVICE_SCHEMAS: Record<string, SchemaObject> = {
  ClientToken: object(
    {
      access_token: { type: 'string', description: 'A JWT with role `system` and the client’s authority' },
      token_type: { type: 'string', enum: ['Bearer'] },
      expires_in: { type: 'integer', description: 'Seconds (CLIENT_TOKEN_TTL_SECONDS)' },
    },
    [],
    { example: { access_token: 'eyJhbGciOiJIUzI1NiJ9…', token_type: 'Bearer', expires_in: 600 } },
  ),
  TaskCompleted: object(taskOutcome),
  TaskFailed: object({
    ...taskOutcome,
    flagged: { type: 'boolean', description: 'true: the step has no fail event; the journey is flagged for caseworkers' },
  }),
  WebhookSubscription: object({
    id: uuid,
    url: { type: 'string', example: 'https://selvbetjening.example/livsforloeb' },
    events: { type: 'array', items: { type: 'string', enum: ['step.awaiting', 'step.completed', 'step.failed', 'correction.requested'] } },
    createdAt: dateTime,
  }),
  WebhookSubscriptionCreated: object({
    id: uuid,
    url: { type: 'string' },
    events: { type: 'array', items: { type: 'string', enum: ['step.awaiting', 'step.completed', 'step.failed', 'correction.requested'] } },
    createdAt: dateTime,
    secret: { type: 'string', example: 'whsec_…', description: 'The signing secret, shown once' },
  }),
  WebhookDelivery: object({
    id: uuid,
    event: { type: 'string', example: 'step.awaiting' },
    journeyId: nullable(uuid),
    status: { type: 'string', enum: ['pending', 'delivered', 'failed', 'cancelled'] },
    attempts: { type: 'integer' },
    lastStatusCode: nullable({ type: 'integer' }),
    lastError: nullable(
      { type: 'string', example: 'http_5xx' },
      'A failure class: refused_address, unreachable, timeout, tls, bad_response, http_3xx, http_4xx, http_5xx',
    ),
    nextAttemptAt: nullable(dateTime),
    deliveredAt: nullable(dateTime),
    createdAt: dateTime,
  }),
  CorrectionForAuthority: object({
    id: uuid,
    fact: { type: 'string', enum: ['address', 'civilStatus', 'children'] },
    authority: { type: 'string' },
    description: { type: 'string' },
    requestedBy: { type: 'string', enum: ['citizen', 'proxy'] },
    status: { type: 'string', enum: ['awaiting', 'corrected', 'rejected'] },
    answer: nullable({ type: 'string' }),
    createdAt: dateTime,
    answeredAt: nullable(dateTime),
    subject: object({ cpr: { type: 'string', description: 'Whose fact it is (the read is logged in their access log)' } }),
  }),
  SystemEventAnswer: object({ result: ref('EventResult') }),
  SystemJourneyView: object({
    id: uuid,
    type: { type: 'string' },
    status: { type: 'string', enum: ['active', 'completed', 'dismissed', 'broken'] },
    steps: list(
      object(
        {
          id: { type: 'string' },
          kind: { type: 'string' },
          title: ref('Text'),
          status: stepStatus,
          deadline: date,
          reason: { type: 'string' },
          awaiting: nullable(
            object({ expiresAt: dateTime, completeEvent: { type: 'string' }, failEvent: nullable({ type: 'string' }) }),
            'The open task token of the step, if any (the token itself is only in step.awaiting)',
          ),
        },
        ['deadline', 'reason'],
      ),
    ),
    nextActions: list(ref('NextAction')),
  }),
  RegisterEventAnswer: object(
    {
      replayed: { type: 'boolean', description: 'true: the same event id was received before; its outcomes are repeated' },
      journeyType: { type: 'string' },
      outcomes: list(
        object(
          {
            person: { type: 'integer', description: 'Index into `persons` of the request' },
            result: { type: 'string', enum: ['started', 'already-active', 'rejected'] },
            journeyId: uuid,
            reason: { type: 'string' },
            delivered: { type: 'string', enum: ['applied', 'not-applicable'] },
          },
          ['journeyId', 'reason', 'delivered'],
        ),
      ),
    },
    [],
    {
      example: {
        replayed: false,
        journeyType: 'retiring',
        outcomes: [
          { person: 0, result: 'started', journeyId: '7d9c2a4e-1f3b-4c5d-8e6f-0a1b2c3d4e5f' },
          { person: 1, result: 'rejected', reason: 'Invalid facts: facts.stillWorking is required' },
        ],
      },
    },
  ),
  AsyncApiDocument: {
    type: 'object',
    required: ['asyncapi', 'channels'],
    properties: { asyncapi: { type: 'string', example: '3.0.0' }, channels: anyObject },
    additionalProperties: true,
    description: 'The AsyncAPI 3 document of the webhooks (validated with @asyncapi/parser)',
  },
  CaseworkerJourneyPage: object({
    items: list(
      object({
        id: uuid,
        type: { type: 'string' },
        title: ref('Text'),
        status: { type: 'string', enum: ['active', 'completed', 'dismissed', 'broken'] },
        state: { type: 'string' },
        nextDeadline: nullable(date),
        overdue: { type: 'boolean' },
        hasFailedStep: { type: 'boolean' },
        createdAt: dateTime,
        updatedAt: dateTime,
      }),
    ),
    nextCursor: nullable({ type: 'string' }, 'Give as `cursor` for the next page; null on the last'),
  }),
  Timeline: object({
    journeyId: uuid,
    history: list(ref('TimelineEntry')),
    tasks: list(ref('IntegrationTask')),
    timers: list(
      object({
        key: { type: 'string' },
        step: nullable({ type: 'string' }),
        purpose: { type: 'string' },
        status: { type: 'string' },
        dueAt: dateTime,
        generation: { type: 'integer' },
      }),
    ),
    notes: list(ref('Note')),
  }),
  NoteAdded: object({ id: uuid, at: dateTime }),
  Authority: object({
    id: { type: 'string', example: 'municipality' },
    name: ref('Text'),
    owner: { type: 'string' },
    steps: list(object({ journey: { type: 'string' }, step: { type: 'string' }, kind: { type: 'string' }, title: ref('Text') })),
    operations: list(object({ task: { type: 'string' }, title: ref('Text'), effect: { type: 'string', enum: ['read', 'write'] } })),
  }),
  DevToken: object({ token: { type: 'string', description: 'A development JWT (AUTH_MODE=dev only)' } }),
  Liveness: object({ status: { type: 'string', enum: ['ok'] } }),
};
