import { applyDecorators } from '@nestjs/common';
import { ApiResponse, type OpenAPIObject } from '@nestjs/swagger';
import { ERROR_STATUS, type ErrorCode } from '../../platform/errors/domain-error';
import { CITIZEN_SCHEMAS } from './citizen.schemas';
import { JOURNEY_SCHEMAS } from './journeys.schemas';
import { ref, type SchemaObject } from './schema-kit';
import { SELF_SERVICE_SCHEMAS } from './self-service.schemas';

/**
 * The answers of the API as JSON Schemas in the OpenAPI document (components.schemas), so an
 * integrator reads what each endpoint really returns: every success status with its schema, every
 * error status with the codes it carries. `test/unit/api/openapi-document.spec.ts` fails on an
 * operation without them; the e2e suites validate every answer they receive against the document
 * (`test/support/openapi-contract.ts`), so a field or status the document does not describe, or a
 * header it requires (`Retry-After` on a 429) that is missing, fails there.
 * Callers should ignore fields they do not know: a field may be added without a new version.
 */
const ERROR_DETAILS: Record<string, SchemaObject> = {
  fields: {
    type: 'array',
    description: 'For 400 (and an unknown journey type): each field that is wrong and why',
    items: { type: 'object', required: ['field', 'reason'], properties: { field: { type: 'string' }, reason: { type: 'string' } } },
  },
  types: { type: 'array', items: { type: 'string' }, description: 'JOURNEY_TYPE_UNKNOWN: the journey types there are' },
  actor: { type: 'string', description: 'FORBIDDEN for an event: the actor kind that may not send it' },
  authority: { type: 'string', description: 'FORBIDDEN for an event: the authority of the system or caseworker' },
  event: { type: 'string', description: 'FORBIDDEN / EVENT_NOT_ALLOWED: the event that was refused' },
  state: { type: 'string', description: 'EVENT_NOT_ALLOWED: the state the journey is in' },
  startsWhen: { allOf: [ref('Text')], description: 'STARTED_BY_REGISTER: when the journey starts by itself' },
  registerEvent: { type: 'string', nullable: true, description: 'STARTED_BY_REGISTER: the register event type that starts it' },
  journeyId: { type: 'string', format: 'uuid', description: 'JOURNEY_ALREADY_ACTIVE: the journey that runs' },
  reason: { type: 'string', nullable: true, description: 'JOURNEY_BROKEN: why the journey needs a caseworker' },
  fact: { type: 'string', description: 'CORRECTION_PENDING: the fact a correction already waits for' },
  step: { type: 'string', description: 'CONSENT_ALREADY_GIVEN: the step the consent in force is for' },
  status: { type: 'string', description: 'TASK_NOT_RETRYABLE: the status of the task' },
  usedAt: { type: 'string', format: 'date-time', description: 'TASK_TOKEN_USED: when the token was used' },
  expiredAt: { type: 'string', format: 'date-time', description: 'TASK_TOKEN_EXPIRED: when the token expired' },
  retryAfterSeconds: { type: 'integer', description: 'RATE_LIMITED: seconds until a new request is accepted' },
  error: { type: 'string', enum: ['invalid_client', 'unsupported_grant_type'], description: 'POST /api/oauth/token: the OAuth error' },
};

const ERROR_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['statusCode', 'code', 'message'],
  properties: {
    statusCode: { type: 'integer' },
    code: {
      type: 'string',
      description:
        `One of ${Object.keys(ERROR_STATUS).join(', ')}; UNSUPPORTED_MEDIA_TYPE; or HTTP_<status> for a route that does not exist. ` +
        'Each error response of an operation lists the codes it can carry.',
    },
    message: { type: 'string', description: 'What went wrong, in plain words (English); never personal data' },
    ...ERROR_DETAILS,
  },
  example: {
    statusCode: 400,
    code: 'VALIDATION_FAILED',
    message: 'Invalid data: data.reportedOn must match format "date"',
    fields: [{ field: 'data.reportedOn', reason: 'must match format "date"' }],
  },
};

export const CONTRACT_SCHEMAS: Record<string, SchemaObject> = {
  Error: ERROR_SCHEMA,
  ...JOURNEY_SCHEMAS,
  ...CITIZEN_SCHEMAS,
  ...SELF_SERVICE_SCHEMAS,
};

/** The 2xx answer of an endpoint: a component (or a list of them) from CONTRACT_SCHEMAS. */
export function ApiAnswer(status: number, schema: string | { list: string }, description = 'OK') {
  return ApiResponse({
    status,
    description,
    content: { 'application/json': { schema: typeof schema === 'string' ? ref(schema) : { type: 'array', items: ref(schema.list) } } },
  });
}

/** A 204 answer: done, no body. */
export const ApiNoContent = (description: string) => ApiResponse({ status: 204, description });

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

/** The 200 of the calendar feed: an iCalendar document. */
export const CALENDAR_ANSWER = {
  status: 200,
  description: 'text/calendar (RFC 5545): one all-day event per deadline of a running journey, in the language asked for',
  content: {
    'text/calendar': { schema: { type: 'string' as const }, example: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\n…\r\nEND:VCALENDAR\r\n' },
  },
};

/** A typical body of each code, as the document's examples. */
const ERROR_EXAMPLES: Partial<Record<ErrorCode, Record<string, unknown>>> = {
  VALIDATION_FAILED: {
    message: 'Invalid data: data.reportedOn must match format "date"',
    fields: [{ field: 'data.reportedOn', reason: 'must match format "date"' }],
  },
  UNAUTHENTICATED: { message: 'Sign in: a bearer token is required' },
  FORBIDDEN: {
    message: 'The system of municipality may not send "folkepension.decided": the step belongs to another authority',
    actor: 'system',
    authority: 'municipality',
    event: 'folkepension.decided',
  },
  NOT_FOUND: { message: 'Journey not found' },
  NOT_ACCEPTABLE: { message: 'This is an event stream: send Accept: text/event-stream' },
  JOURNEY_TYPE_UNKNOWN: {
    message: 'Unknown journey type "space-travel"; known types: moving, retiring',
    types: ['moving', 'retiring'],
  },
  EVENT_NOT_ALLOWED: {
    message: 'Event "move.reported" is not accepted in the current state',
    event: 'move.reported',
    state: 'inProgress',
  },
  JOURNEY_NOT_ACTIVE: { message: 'The journey is completed' },
  JOURNEY_ALREADY_ACTIVE: { message: 'An active moving journey already exists', journeyId: '7d9c2a4e-1f3b-4c5d-8e6f-0a1b2c3d4e5f' },
  JOURNEY_BROKEN: { message: 'The journey needs a caseworker before it can continue', reason: null },
  STARTED_BY_REGISTER: {
    message: 'Retiring is not started by hand. Starts by itself when you are half a year from your state pension age.',
    startsWhen: {
      da: 'Starter automatisk, når du er et halvt år fra din folkepensionsalder.',
      en: 'Starts by itself when you are half a year from your state pension age.',
    },
    registerEvent: 'pension-age-approaching',
  },
  CONCURRENT_UPDATE: { message: 'The journey changed meanwhile; try again' },
  TASK_NOT_RETRYABLE: { message: 'The task is queued; only a task that failed after its last attempt can be retried', status: 'queued' },
  TASK_TOKEN_USED: {
    message: 'This task token has already been used; a token completes or fails its step once',
    usedAt: '2026-12-06T10:00:00.000Z',
  },
  TASK_TOKEN_EXPIRED: { message: 'This task token has expired', expiredAt: '2026-12-06T10:00:00.000Z' },
  TASK_TOKEN_CLOSED: { message: 'The step was decided elsewhere or a newer token replaced this one' },
  CORRECTION_PENDING: { message: 'A correction of this fact is already waiting for the authority', fact: 'civilStatus' },
  CORRECTION_ANSWERED: { message: 'This correction request has already been answered' },
  PAYLOAD_TOO_LARGE: { message: 'Request body is too large' },
  RATE_LIMITED: { message: 'Too many requests: try again in 30 seconds', retryAfterSeconds: 30 },
  UNAVAILABLE: { message: 'The retiring journey is not deployed' },
};

/** Every 429 says when to come back, in the header as in the body's `retryAfterSeconds`. */
const RETRY_AFTER = {
  'Retry-After': {
    description: 'Seconds until a new request is accepted (the same as `retryAfterSeconds` in the body)',
    required: true,
    schema: { type: 'integer' as const, minimum: 1 },
  },
};

function errorResponse(status: number, codes: string[]) {
  const examples = Object.fromEntries(
    codes.map((code) => [code, { value: { statusCode: status, code, message: '', ...ERROR_EXAMPLES[code as ErrorCode] }, summary: code }]),
  );
  return {
    description: codes.join(', '),
    ...(status === 429 ? { headers: RETRY_AFTER } : {}),
    content: { 'application/json': { schema: ref('Error'), examples } },
  };
}

/**
 * The error answers an endpoint can give, each `{ statusCode, code, message, …details }`, one
 * response per status listing its codes. VALIDATION_FAILED (malformed input) is always possible;
 * UNAUTHENTICATED and FORBIDDEN (another role) are added for endpoints that need sign-in
 * (`signedIn`). The limits every write has are added by `withRequestLimits`.
 */
export function ApiErrors(codes: ErrorCode[], signedIn = true) {
  const all = new Set<ErrorCode>([...codes, 'VALIDATION_FAILED', ...(signedIn ? (['UNAUTHENTICATED', 'FORBIDDEN'] as const) : [])]);
  const byStatus = new Map<number, string[]>();
  for (const code of all) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  return applyDecorators(...[...byStatus].map(([status, list]) => ApiResponse({ status, ...errorResponse(status, list) })));
}

/**
 * What every write answers whatever its route: a body is parsed with a size limit (100 kB) and a
 * charset check, and writes count against the caller's rate limit (reads do not).
 */
export function withRequestLimits(document: OpenAPIObject): OpenAPIObject {
  for (const operations of Object.values(document.paths)) {
    for (const method of ['post', 'put', 'patch', 'delete'] as const) {
      const operation = operations[method];
      if (!operation) continue;
      operation.responses['413'] ??= errorResponse(413, ['PAYLOAD_TOO_LARGE']);
      operation.responses['415'] ??= {
        description: 'UNSUPPORTED_MEDIA_TYPE',
        content: {
          'application/json': {
            schema: ref('Error'),
            example: {
              statusCode: 415,
              code: 'UNSUPPORTED_MEDIA_TYPE',
              message: 'The request body’s charset or encoding is not supported',
            },
          },
        },
      };
      operation.responses['429'] ??= errorResponse(429, ['RATE_LIMITED']);
    }
  }
  return document;
}
