import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ERROR_STATUS } from '../../platform/errors/domain-error';

/**
 * The answers of the API as JSON Schemas in the OpenAPI document (components.schemas), so an
 * integrator reads what each endpoint really returns. The e2e suites validate the answers they
 * receive against the served document (test/support/openapi-contract.ts): a drift fails there.
 * Objects stay open (additional properties allowed) where a field may be added without breaking callers.
 */
/** An OpenAPI 3.0 schema object (the package does not export its type). */
type SchemaObject = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const text: SchemaObject = {
  type: 'object',
  required: ['da', 'en'],
  properties: { da: { type: 'string' }, en: { type: 'string' } },
  example: { da: 'Flytte', en: 'Moving' },
};
const anyObject: SchemaObject = { type: 'object', additionalProperties: true };
const stepStatus: SchemaObject = { type: 'string', enum: ['pending', 'active', 'done', 'skipped', 'failed', 'late'] };

const expectedAnswer: SchemaObject = {
  type: 'object',
  required: ['measure', 'amount', 'unit', 'text', 'source'],
  description: 'How long the authority normally takes to answer this case, as it publishes it, with the public source',
  properties: {
    measure: { type: 'string', enum: ['within', 'average'], description: '`within`: normally within; `average`: on average' },
    amount: { type: 'integer', minimum: 1 },
    unit: { type: 'string', enum: ['working-days', 'weeks'] },
    text: { allOf: [ref('Text')], description: 'In plain words, e.g. "Svar forventes normalt inden for 5 hverdage"' },
    source: {
      type: 'object',
      required: ['title', 'url', 'checked'],
      properties: { title: { type: 'string' }, url: { type: 'string', nullable: true }, checked: { type: 'string' } },
    },
  },
  additionalProperties: false,
};

export const CONTRACT_SCHEMAS: Record<string, SchemaObject> = {
  Text: text,
  Error: {
    type: 'object',
    required: ['statusCode', 'code', 'message'],
    properties: {
      statusCode: { type: 'integer' },
      code: {
        type: 'string',
        description: `One of ${Object.keys(ERROR_STATUS).join(', ')} (or HTTP_<status> for a route that does not exist)`,
      },
      message: { type: 'string', description: 'What went wrong, in plain words (English); never personal data' },
      fields: {
        type: 'array',
        items: { type: 'object', required: ['field', 'reason'], properties: { field: { type: 'string' }, reason: { type: 'string' } } },
      },
    },
    additionalProperties: true,
    example: {
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'Invalid data: data.reportedOn must match format "date"',
      fields: [{ field: 'data.reportedOn', reason: 'must match format "date"' }],
    },
  },
  StepDefinition: {
    type: 'object',
    required: ['id', 'kind', 'title', 'guidance'],
    properties: {
      id: { type: 'string' },
      kind: { type: 'string', enum: ['citizen', 'automatic', 'authority', 'caseworker'] },
      system: { type: 'string' },
      title: ref('Text'),
      guidance: ref('Text'),
      deadlineRule: ref('Text'),
      optional: { type: 'boolean' },
      task: { allOf: [ref('Text')], description: 'The citizen’s task as an imperative ("Anmeld flytningen på borger.dk")' },
      notRelevant: {
        type: 'object',
        additionalProperties: ref('Text'),
        description: 'Why the step does not apply, one line per reason the journey skips it for (the step state’s reason)',
      },
    },
    additionalProperties: true,
  },
  JourneyTypeSummary: {
    type: 'object',
    required: ['id', 'version', 'title', 'description', 'startedBy', 'register', 'startSchema', 'startExample', 'steps', 'links', 'href'],
    properties: {
      id: { type: 'string', example: 'retiring' },
      version: { type: 'integer' },
      title: ref('Text'),
      description: ref('Text'),
      startedBy: {
        type: 'array',
        items: { type: 'string', enum: ['citizen', 'register'] },
        description: 'citizen: POST /api/journeys; register: POST /api/register-events',
      },
      register: {
        type: 'object',
        nullable: true,
        required: ['eventType', 'dateFact', 'startsWhen'],
        properties: {
          eventType: { type: 'string', example: 'pension-age-approaching' },
          dateFact: { type: 'string', example: 'pensionAgeDate' },
          startsWhen: ref('Text'),
        },
      },
      startSchema: anyObject,
      startExample: anyObject,
      steps: { type: 'array', items: ref('StepDefinition') },
      links: { type: 'array', items: { type: 'string' } },
      href: { type: 'string', example: '/api/journey-types/retiring' },
    },
    additionalProperties: true,
  },
  JourneyEventContract: {
    type: 'object',
    required: ['type', 'title', 'actors', 'steps', 'schema', 'examples'],
    properties: {
      type: { type: 'string', example: 'folkepension.decided' },
      title: ref('Text'),
      actors: { type: 'array', items: { type: 'string', enum: ['citizen', 'caseworker', 'system', 'register'] } },
      steps: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'title', 'authority'],
          properties: { id: { type: 'string' }, title: ref('Text'), authority: { type: 'string', nullable: true } },
        },
      },
      schema: {
        ...anyObject,
        description: 'JSON Schema (2020-12) of the event data; x-title, x-description and x-enum-titles carry Danish and English words',
      },
      examples: { type: 'array', items: anyObject },
    },
  },
  JourneyTypeContract: {
    allOf: [
      ref('JourneyTypeSummary'),
      {
        type: 'object',
        required: ['startExamples', 'facts', 'events'],
        properties: {
          startExamples: { type: 'array', items: anyObject },
          facts: {
            type: 'object',
            required: ['schema', 'examples'],
            properties: { schema: { ...anyObject, nullable: true }, examples: { type: 'array', items: anyObject } },
          },
          events: { type: 'array', items: ref('JourneyEventContract') },
        },
      },
    ],
  },
  Diagram: {
    type: 'object',
    required: ['type', 'version', 'mermaid'],
    properties: { type: { type: 'string' }, version: { type: 'integer' }, mermaid: { type: 'string' } },
  },
  NextAction: {
    type: 'object',
    required: ['event', 'title', 'schema', 'example'],
    properties: { event: { type: 'string', example: 'move.reported' }, title: ref('Text'), schema: anyObject, example: anyObject },
    description: 'An event you may send now: POST it with data matching `schema` (the example is accepted in the current state)',
  },
  StepView: {
    type: 'object',
    required: ['id', 'kind', 'title', 'guidance', 'optional', 'status', 'overdue'],
    properties: {
      id: { type: 'string' },
      kind: { type: 'string' },
      system: { type: 'string' },
      title: ref('Text'),
      guidance: ref('Text'),
      optional: { type: 'boolean' },
      status: stepStatus,
      deadline: { type: 'string', format: 'date' },
      overdue: { type: 'boolean' },
      notRelevant: { allOf: [ref('Text')], description: 'For a skipped step: why it does not apply to this citizen' },
    },
    additionalProperties: true,
  },
  JourneyView: {
    type: 'object',
    required: ['id', 'type', 'title', 'definitionVersion', 'status', 'state', 'createdAt', 'updatedAt', 'steps', 'nextActions', 'links'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      type: { type: 'string' },
      title: ref('Text'),
      definitionVersion: { type: 'integer' },
      status: { type: 'string', enum: ['active', 'completed', 'dismissed', 'broken'] },
      state: { type: 'string' },
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
      completedAt: { type: 'string', format: 'date-time' },
      nextDeadline: { type: 'string' },
      steps: { type: 'array', items: ref('StepView') },
      nextActions: { type: 'array', items: ref('NextAction') },
      links: anyObject,
    },
    additionalProperties: true,
  },
  EventResult: {
    type: 'object',
    required: ['journeyId', 'seq', 'state', 'duplicate'],
    properties: {
      journeyId: { type: 'string', format: 'uuid' },
      seq: { type: 'integer' },
      state: { type: 'string' },
      duplicate: { type: 'boolean' },
    },
    additionalProperties: false,
  },
  EventAnswer: { type: 'object', required: ['result', 'journey'], properties: { result: ref('EventResult'), journey: ref('JourneyView') } },
  SystemEventAnswer: { type: 'object', required: ['result'], properties: { result: ref('EventResult') }, additionalProperties: false },
  Consent: {
    type: 'object',
    required: ['id', 'journey', 'step', 'fetches', 'from', 'purpose', 'givenAt', 'givenBy', 'withdrawnAt', 'withdrawnBy', 'valid'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      journey: {
        type: 'object',
        required: ['id', 'type', 'title'],
        properties: { id: { type: 'string', format: 'uuid' }, type: { type: 'string' }, title: ref('Text') },
      },
      step: { type: 'object', required: ['id', 'title'], properties: { id: { type: 'string' }, title: ref('Text') } },
      fetches: { allOf: [ref('Text')], description: 'What the step’s integration fetches' },
      from: { allOf: [ref('Text')], description: 'From whom' },
      purpose: { allOf: [ref('Text')], description: 'For what' },
      givenAt: { type: 'string', format: 'date-time' },
      givenBy: { type: 'string', enum: ['citizen', 'proxy'], description: 'The citizen, or a proxy acting for them' },
      withdrawnAt: { type: 'string', format: 'date-time', nullable: true },
      withdrawnBy: { type: 'string', enum: ['citizen', 'proxy'], nullable: true },
      valid: { type: 'boolean', description: 'Given and not withdrawn: the integration may run' },
    },
    additionalProperties: true,
  },
  WaitingStep: {
    type: 'object',
    required: ['journey', 'step', 'since', 'deadline', 'expectedAnswer', 'link'],
    properties: {
      journey: anyObject,
      step: anyObject,
      since: { type: 'string', format: 'date-time', nullable: true, description: 'When the engine asked the authority, when known' },
      deadline: { type: 'string', format: 'date', nullable: true },
      expectedAnswer: { ...expectedAnswer, nullable: true, description: 'Null when the authority publishes no figure' },
      link: { type: 'string' },
    },
    additionalProperties: true,
  },
  Overview: {
    type: 'object',
    required: ['generatedAt', 'today', 'runningJourneys', 'deadlines', 'cases', 'facts', 'corrections', 'consents'],
    properties: {
      generatedAt: { type: 'string', format: 'date-time' },
      today: { type: 'string', format: 'date' },
      runningJourneys: { type: 'integer' },
      deadlines: { type: 'array', items: anyObject },
      cases: {
        type: 'array',
        description: 'The steps that wait for an authority, grouped by authority',
        items: {
          type: 'object',
          required: ['authority', 'steps'],
          properties: { authority: anyObject, steps: { type: 'array', items: ref('WaitingStep') } },
        },
      },
      benefits: { type: 'array', items: anyObject },
      facts: { type: 'array', items: anyObject },
      corrections: { type: 'array', items: ref('Correction') },
      consents: { type: 'array', items: ref('Consent') },
      calendar: anyObject,
      representing: {
        type: 'object',
        required: ['grantId', 'citizen', 'access'],
        description: 'When a proxy reads: whose overview it is and what the power of attorney allows',
        properties: {
          grantId: { type: 'string', format: 'uuid' },
          citizen: { type: 'string' },
          access: { type: 'string', enum: ['read', 'act'] },
        },
      },
    },
    additionalProperties: true,
  },
  Correction: {
    type: 'object',
    required: ['id', 'fact', 'authority', 'description', 'requestedBy', 'status', 'answer', 'createdAt', 'answeredAt'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      fact: { type: 'string', enum: ['address', 'civilStatus', 'children'] },
      authority: { type: 'string' },
      description: { type: 'string' },
      requestedBy: { type: 'string', enum: ['citizen', 'proxy'] },
      status: { type: 'string', enum: ['awaiting', 'corrected', 'rejected'] },
      answer: { type: 'string', nullable: true },
      createdAt: { type: 'string', format: 'date-time' },
      answeredAt: { type: 'string', format: 'date-time', nullable: true },
    },
    additionalProperties: true,
  },
  HistoryEntry: {
    type: 'object',
    required: ['seq', 'event', 'title', 'data', 'actor', 'state', 'at'],
    properties: {
      seq: { type: 'integer' },
      event: { type: 'string' },
      title: ref('Text'),
      data: anyObject,
      actor: { type: 'object', required: ['kind'], properties: { kind: { type: 'string' }, authority: { type: 'string' } } },
      state: { type: 'string' },
      at: { type: 'string' },
    },
  },
  SystemJourneyView: {
    type: 'object',
    required: ['id', 'type', 'status', 'steps', 'nextActions'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      type: { type: 'string' },
      status: { type: 'string' },
      steps: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'kind', 'title', 'status', 'awaiting'],
          properties: {
            id: { type: 'string' },
            kind: { type: 'string' },
            title: ref('Text'),
            status: stepStatus,
            deadline: { type: 'string' },
            reason: { type: 'string' },
            awaiting: { ...anyObject, nullable: true },
          },
        },
      },
      nextActions: { type: 'array', items: ref('NextAction') },
    },
  },
  RegisterEventAnswer: {
    type: 'object',
    required: ['replayed', 'journeyType', 'outcomes'],
    properties: {
      replayed: { type: 'boolean' },
      journeyType: { type: 'string' },
      outcomes: {
        type: 'array',
        items: {
          type: 'object',
          required: ['person', 'result'],
          properties: {
            person: { type: 'integer' },
            result: { type: 'string', enum: ['started', 'already-active', 'rejected'] },
            journeyId: { type: 'string', format: 'uuid' },
            reason: { type: 'string' },
            delivered: { type: 'string', enum: ['applied', 'not-applicable'] },
          },
          additionalProperties: false,
        },
      },
    },
    example: {
      replayed: false,
      journeyType: 'retiring',
      outcomes: [
        { person: 0, result: 'started', journeyId: '7d9c2a4e-1f3b-4c5d-8e6f-0a1b2c3d4e5f' },
        { person: 1, result: 'rejected', reason: 'Invalid facts: facts.stillWorking is required' },
      ],
    },
  },
  ProxyGrant: {
    type: 'object',
    required: ['id', 'counterpart', 'counterpartName', 'journeyId', 'access', 'expiresAt', 'createdAt', 'revokedAt', 'active'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      counterpart: { type: 'string', example: '020280-xxxx', description: 'The other party’s birth-date part of the CPR number' },
      counterpartName: { type: 'string', nullable: true, example: 'Bo Nielsen', description: 'The other party’s name' },
      journeyId: { type: 'string', format: 'uuid', nullable: true, description: 'null: all my journeys, later ones too' },
      access: { type: 'string', enum: ['read', 'act'] },
      expiresAt: { type: 'string', format: 'date-time' },
      createdAt: { type: 'string', format: 'date-time' },
      revokedAt: { type: 'string', format: 'date-time', nullable: true },
      active: { type: 'boolean' },
    },
    additionalProperties: true,
  },
  PendingProxyGrant: {
    type: 'object',
    required: ['pendingId', 'grantee', 'journeyId', 'access', 'expiresAt', 'confirmBefore'],
    properties: {
      pendingId: { type: 'string', format: 'uuid', description: 'Confirm with POST /api/me/proxies { pendingId }' },
      grantee: {
        type: 'object',
        required: ['name', 'maskedCpr', 'birthDate'],
        properties: {
          name: { type: 'string', nullable: true, example: 'Bo Nielsen', description: 'As the CPR register gives it' },
          maskedCpr: { type: 'string', example: '020280-xxxx' },
          birthDate: { type: 'string', format: 'date', nullable: true, example: '1980-02-02' },
        },
      },
      journeyId: { type: 'string', format: 'uuid', nullable: true },
      access: { type: 'string', enum: ['read', 'act'] },
      expiresAt: { type: 'string', format: 'date-time', description: 'When the power of attorney, once confirmed, ends' },
      confirmBefore: { type: 'string', format: 'date-time', description: 'The pending grant lapses then (15 minutes); it gives no access' },
    },
    additionalProperties: true,
  },
  AsyncApiDocument: {
    type: 'object',
    required: ['asyncapi', 'channels'],
    properties: { asyncapi: { type: 'string', example: '3.0.0' }, channels: anyObject },
    additionalProperties: true,
  },
};

/** The 2xx answer of an endpoint: a component (or a list of them) from CONTRACT_SCHEMAS. */
export function ApiAnswer(status: number, schema: string | { list: string }, description = 'OK') {
  return ApiResponse({
    status,
    description,
    schema: typeof schema === 'string' ? ref(schema) : { type: 'array', items: ref(schema.list) },
  });
}

/** The 200 of a journey's event stream: what its events hold (the OpenAPI document cannot type an event stream's parts). */
export const EVENT_STREAM_ANSWER = {
  status: 200,
  description:
    "text/event-stream. `event: journey`, `id:` the journey's version, `data:` the JourneyView as JSON: once when the stream opens and " +
    'after every change. `event: end` when the journey has ended, the reader may no longer see it, or after 10 minutes (open it again to ' +
    'go on). A comment line every 15 s keeps the connection alive.',
  content: {
    'text/event-stream': {
      schema: { type: 'string' as const },
      example: 'retry: 3000\n\nid: 3\nevent: journey\ndata: {"id":"…","status":"active",…}\n\n',
    },
  },
};

/**
 * The error answers an endpoint can give, each `{ statusCode, code, message, fields? }`, one
 * response per status listing its codes. VALIDATION_FAILED (malformed input) is always possible;
 * UNAUTHENTICATED and RATE_LIMITED are added for endpoints that need sign-in (`signedIn`).
 */
export function ApiErrors(codes: (keyof typeof ERROR_STATUS)[], signedIn = true) {
  const all = new Set<keyof typeof ERROR_STATUS>([
    ...codes,
    'VALIDATION_FAILED',
    ...(signedIn ? (['UNAUTHENTICATED', 'RATE_LIMITED'] as const) : []),
  ]);
  const byStatus = new Map<number, string[]>();
  for (const code of all) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  return applyDecorators(
    ...[...byStatus].map(([status, list]) => ApiResponse({ status, description: list.join(', '), schema: ref('Error') })),
  );
}
