import { anyObject, date, dateTime, list, nullable, object, ref, stepStatus, uuid, type SchemaObject } from './schema-kit';

/** Journey types, journey views, events and history: what citizens, proxies, caseworkers and systems read about a journey. */
const legalSource = object(
  {
    title: { type: 'string' },
    url: { type: 'string' },
    lang: { type: 'string', enum: ['en'], description: 'Set when the title is not Danish' },
  },
  ['url', 'lang'],
);

const stepKind: SchemaObject = { type: 'string', enum: ['citizen', 'automatic', 'authority', 'caseworker'] };

const journeySummary = {
  id: { type: 'string', example: 'retiring' },
  version: { type: 'integer', example: 1 },
  title: ref('Text'),
  description: ref('Text'),
  startedBy: {
    type: 'array',
    items: { type: 'string', enum: ['citizen', 'register'] },
    description: 'citizen: POST /api/journeys; register: POST /api/register-events',
  },
  register: {
    ...object({
      eventType: { type: 'string', example: 'pension-age-approaching' },
      dateFact: { type: 'string', example: 'pensionAgeDate' },
      startsWhen: ref('Text'),
    }),
    nullable: true,
    description: 'The register event that starts the journey by itself (null when only a citizen starts it)',
  },
  startSchema: { ...anyObject, description: 'JSON Schema (2020-12) of `answers` in POST /api/journeys' },
  startExample: anyObject,
  steps: list(ref('StepDefinition')),
  links: { type: 'array', items: { type: 'string' }, description: 'Journey types this one may start as linked journeys' },
  href: { type: 'string', example: '/api/journey-types/retiring' },
};

export const JOURNEY_SCHEMAS: Record<string, SchemaObject> = {
  Text: {
    ...object({ da: { type: 'string' }, en: { type: 'string' } }),
    description: 'The same words in Danish and English',
    example: { da: 'Flytte', en: 'Moving within Denmark' },
  },
  LegalSource: legalSource,
  StepDefinition: object(
    {
      id: { type: 'string', example: 'report-move' },
      kind: stepKind,
      system: { type: 'string', description: 'The authority system that handles the step (GET /api/authorities)' },
      title: ref('Text'),
      guidance: ref('Text'),
      deadlineRule: ref('Text'),
      legalSource: ref('LegalSource'),
      legalBasis: {
        description:
          'What the step’s integration rests on: a law, or the citizen’s consent (then the integration waits for POST /api/me/consents, ' +
          'or the citizen sends `fillInYourself` instead)',
        oneOf: [
          object({
            kind: { type: 'string', enum: ['consent'] },
            system: { type: 'string' },
            task: { type: 'string' },
            fetches: ref('Text'),
            from: ref('Text'),
            purpose: ref('Text'),
            fillInYourself: { type: 'string', description: 'The event that gives the same data by hand ("Udfyld selv")' },
            source: ref('LegalSource'),
          }),
          object({ kind: { type: 'string', enum: ['law'] }, law: ref('LegalSource') }),
        ],
      },
      optional: { type: 'boolean' },
      alternativeSystems: { type: 'array', items: { type: 'string' }, description: 'Other systems that may handle the step' },
      task: { allOf: [ref('Text')], description: 'The citizen’s task as an imperative ("Anmeld flytningen på borger.dk")' },
      notRelevant: {
        type: 'object',
        additionalProperties: ref('Text'),
        description: 'Why the step does not apply, one line per reason the journey skips it for (the step state’s reason)',
      },
    },
    ['system', 'deadlineRule', 'legalSource', 'legalBasis', 'optional', 'alternativeSystems', 'task', 'notRelevant'],
  ),
  JourneyTypeSummary: object(journeySummary),
  JourneyEventContract: object({
    type: { type: 'string', example: 'folkepension.decided' },
    title: ref('Text'),
    actors: { type: 'array', items: { type: 'string', enum: ['citizen', 'caseworker', 'system', 'register'] } },
    steps: list(
      object({
        id: { type: 'string' },
        title: ref('Text'),
        authority: nullable({ type: 'string' }, 'The authority system whose step it decides'),
      }),
    ),
    schema: {
      ...anyObject,
      description: 'JSON Schema (2020-12) of the event data; x-title, x-description and x-enum-titles carry Danish and English words',
    },
    examples: list(anyObject),
  }),
  JourneyTypeContract: object({
    ...journeySummary,
    startExamples: list(anyObject),
    facts: object({
      schema: { ...anyObject, nullable: true, description: 'JSON Schema of the register facts the journey reads (null: none)' },
      examples: list(anyObject),
    }),
    events: list(ref('JourneyEventContract')),
  }),
  Diagram: object(
    { type: { type: 'string' }, version: { type: 'integer' }, mermaid: { type: 'string', description: 'Mermaid stateDiagram-v2' } },
    [],
    { example: { type: 'moving', version: 1, mermaid: 'stateDiagram-v2\n  [*] --> inProgress' } },
  ),
  NextAction: {
    ...object({
      event: { type: 'string', example: 'move.reported' },
      title: ref('Text'),
      schema: { ...anyObject, description: 'JSON Schema (2020-12) of the event data' },
      example: { ...anyObject, description: 'Data the current state accepts' },
    }),
    description: 'An event you may send now: POST it with data matching `schema` (the example is accepted in the current state)',
  },
  StepView: object(
    {
      id: { type: 'string' },
      kind: stepKind,
      system: { type: 'string' },
      title: ref('Text'),
      guidance: ref('Text'),
      deadlineRule: ref('Text'),
      legalSource: ref('LegalSource'),
      optional: { type: 'boolean' },
      status: stepStatus,
      deadline: date,
      overdue: { type: 'boolean' },
      selfService: {
        ...object({ url: { type: 'string' } }),
        description: 'For an open citizen step of an authority with a self-service solution: where the citizen does it',
      },
      notRelevant: { allOf: [ref('Text')], description: 'For a skipped step: why it does not apply to this citizen' },
    },
    ['system', 'deadlineRule', 'legalSource', 'deadline', 'selfService', 'notRelevant'],
  ),
  JourneyView: object(
    {
      id: uuid,
      type: { type: 'string', example: 'moving' },
      title: ref('Text'),
      definitionVersion: { type: 'integer' },
      status: { type: 'string', enum: ['active', 'completed', 'dismissed', 'broken'] },
      state: { type: 'string', description: 'The machine’s state value, for support (not for display)' },
      brokenReason: { type: 'string', description: 'Why a broken journey needs a caseworker' },
      createdAt: dateTime,
      updatedAt: dateTime,
      completedAt: dateTime,
      nextDeadline: date,
      steps: list(ref('StepView')),
      nextActions: list(ref('NextAction')),
      links: object(
        {
          parent: object({ id: uuid, type: { type: 'string' }, step: nullable({ type: 'string' }) }),
          children: list(object({ id: uuid, type: { type: 'string' }, status: { type: 'string' }, step: nullable({ type: 'string' }) })),
        },
        ['parent'],
        {
          description:
            'Linked journeys: the one that started this one, and those this one waits for (started, or linked ' +
            'at one of its steps), each with the waiting step',
        },
      ),
    },
    ['brokenReason', 'completedAt', 'nextDeadline'],
  ),
  EventResult: object({
    journeyId: uuid,
    seq: { type: 'integer', description: 'The event’s number in the journey’s history' },
    state: { type: 'string' },
    duplicate: { type: 'boolean', description: 'true when the Idempotency-Key was used before: nothing was applied again' },
  }),
  EventAnswer: object({ result: ref('EventResult'), journey: ref('JourneyView') }),
  HistoryEntry: object({
    seq: { type: 'integer' },
    event: { type: 'string', example: 'journey.started' },
    title: { allOf: [ref('Text')], description: 'What happened, in the reader’s words (never the event id)' },
    data: anyObject,
    actor: object({ kind: { type: 'string' }, authority: { type: 'string' } }, ['authority']),
    state: { type: 'string' },
    at: dateTime,
  }),
  RepresentedJourney: object({
    access: { type: 'string', enum: ['read', 'act'], description: 'What the power of attorney allows' },
    journey: ref('JourneyView'),
  }),
};
