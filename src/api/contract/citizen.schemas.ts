import { anyObject, date, dateTime, list, nullable, object, ref, stepStatus, uuid, type SchemaObject } from './schema-kit';

/** The citizen's own things around their journeys (GET /api/me/…): access log, notifications, proxies, Mit overblik, export. */
const journeyRef = object({ id: uuid, type: { type: 'string' }, title: ref('Text') });
const authority = object({ id: { type: 'string', example: 'municipality' }, name: ref('Text') });
const stepKind: SchemaObject = { type: 'string', enum: ['citizen', 'automatic', 'authority', 'caseworker'] };
const expectedAnswer: SchemaObject = object({
  measure: { type: 'string', enum: ['within', 'average'], description: '`within`: normally within; `average`: on average' },
  amount: { type: 'integer', minimum: 1 },
  unit: { type: 'string', enum: ['working-days', 'weeks'] },
  text: { allOf: [ref('Text')], description: 'In plain words, e.g. "Svar forventes normalt inden for 5 hverdage"' },
  source: object({ title: { type: 'string' }, url: nullable({ type: 'string' }), checked: { type: 'string' } }),
});

export const CITIZEN_SCHEMAS: Record<string, SchemaObject> = {
  AccessLogEntry: object({
    id: uuid,
    at: dateTime,
    journey: nullable(object({ id: uuid, type: { type: 'string' } }), 'The journey read (null: the overview or the journey list)'),
    viewer: object({
      kind: { type: 'string', enum: ['caseworker', 'proxy', 'system'] },
      name: { type: 'string', description: 'Who read: a caseworker’s name, a proxy’s name, a system’s client name' },
      authority: nullable({ type: 'string' }),
    }),
    purpose: { type: 'string', example: 'case-handling' },
    action: {
      type: 'string',
      description:
        '`view`, `timeline`, `history`, `list`, `stream`, `diagram`, `view-steps`, `overview`, `event:<type>`, `event`, `retry`, `note`, ' +
        '`correction:request`, `correction:read`, `correction:corrected`, `correction:rejected`',
    },
  }),
  AccessLogPage: object({ total: { type: 'integer' }, items: list(ref('AccessLogEntry')) }),
  Notification: object({
    id: uuid,
    journeyId: uuid,
    journeyType: { type: 'string' },
    template: { type: 'string', example: 'step-needs-you' },
    step: nullable({ type: 'string' }),
    params: anyObject,
    createdAt: dateTime,
    readAt: nullable(dateTime),
    delivery: object({
      channel: { type: 'string', enum: ['digital-post'] },
      status: { type: 'string', enum: ['pending', 'sent', 'skipped', 'failed'] },
      after: nullable(dateTime, 'Not delivered before (quiet hours)'),
      at: nullable(dateTime),
    }),
  }),
  NotificationPage: object({ items: list(ref('Notification')), unread: { type: 'integer' } }),
  ProxyGrant: object({
    id: uuid,
    counterpart: { type: 'string', example: '150671-xxxx', description: 'The other party as the birth-date part of the CPR number' },
    counterpartName: nullable(
      { type: 'string', example: 'Bo Nielsen' },
      'The other party’s name, as the CPR register or their sign-in gave it',
    ),
    journeyId: nullable(uuid, 'null: all the citizen’s journeys'),
    access: { type: 'string', enum: ['read', 'act'] },
    expiresAt: dateTime,
    createdAt: dateTime,
    revokedAt: nullable(dateTime),
    active: { type: 'boolean' },
  }),
  ProxyGrants: object({ granted: list(ref('ProxyGrant')), received: list(ref('ProxyGrant')) }),
  PendingProxyGrant: object({
    pendingId: { ...uuid, description: 'Confirm with POST /api/me/proxies { pendingId }' },
    grantee: object({
      name: nullable({ type: 'string', example: 'Bo Nielsen' }, 'As the CPR register gives it'),
      maskedCpr: { type: 'string', example: '020280-xxxx' },
      birthDate: nullable({ ...date, example: '1980-02-02' }),
    }),
    journeyId: nullable(uuid, 'null: all the citizen’s journeys'),
    access: { type: 'string', enum: ['read', 'act'] },
    expiresAt: { ...dateTime, description: 'When the power of attorney, once confirmed, ends' },
    confirmBefore: { ...dateTime, description: 'The pending grant lapses then (15 minutes); it gives no access' },
  }),
  CalendarFeedIssued: object({
    token: { type: 'string', description: 'Shown once' },
    url: { type: 'string', description: 'The feed to subscribe to (GET /api/me/calendar.ics?token=…)' },
    createdAt: dateTime,
  }),
  CalendarFeedStatus: object({ active: { type: 'boolean' }, createdAt: nullable(dateTime) }),
  Correction: object({
    id: uuid,
    fact: { type: 'string', enum: ['address', 'civilStatus', 'children'] },
    authority: { type: 'string', description: 'The authority that owns the fact and answers the request' },
    description: { type: 'string' },
    requestedBy: { type: 'string', enum: ['citizen', 'proxy'] },
    status: { type: 'string', enum: ['awaiting', 'corrected', 'rejected'] },
    answer: nullable({ type: 'string' }),
    createdAt: dateTime,
    answeredAt: nullable(dateTime),
  }),
  OverviewDeadline: object({
    journey: journeyRef,
    step: object({ id: { type: 'string' }, kind: stepKind, status: stepStatus, title: ref('Text'), guidance: ref('Text') }),
    authority: nullable(authority),
    deadline: date,
    overdue: { type: 'boolean' },
    forYou: { type: 'boolean', description: 'The citizen must act; otherwise the deadline is an authority’s or a register’s' },
    link: { type: 'string', example: '/journeys/…' },
  }),
  AuthorityCases: object({
    authority,
    steps: list(
      object({
        journey: journeyRef,
        step: object({ id: { type: 'string' }, status: stepStatus, title: ref('Text') }),
        since: nullable(dateTime, 'When the engine asked the authority'),
        deadline: nullable(date),
        expectedAnswer: nullable(expectedAnswer, 'How long the authority normally takes to answer; null when it publishes no figure'),
        link: { type: 'string' },
      }),
    ),
  }),
  RegisterFact: object({
    fact: { type: 'string', enum: ['address', 'civilStatus', 'children'] },
    label: ref('Text'),
    value: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
    usedBy: list(journeyRef),
    owner: { type: 'string', description: 'The authority that keeps the fact (where a correction goes)' },
  }),
  BenefitsPart: object({
    authority,
    status: { type: 'string', enum: ['read', 'unavailable'] },
    benefits: list(
      object({
        benefit: { type: 'string' },
        name: ref('Text'),
        amount: { type: 'number' },
        frequency: { type: 'string', example: 'monthly' },
        periodFrom: nullable(date),
        periodTo: nullable(date),
        nextPaymentDate: nullable(date),
        source: nullable(object({ journeyId: uuid, journeyType: { type: 'string' }, step: { type: 'string' }, link: { type: 'string' } })),
      }),
    ),
  }),
  Overview: object(
    {
      generatedAt: dateTime,
      today: { ...date, description: 'Today in Denmark: what "overdue" is measured against' },
      runningJourneys: { type: 'integer' },
      deadlines: list(ref('OverviewDeadline')),
      cases: list(ref('AuthorityCases')),
      facts: list(ref('RegisterFact')),
      benefits: { ...list(ref('BenefitsPart')), description: 'Per paying system; absent with benefits=false' },
      calendar: ref('CalendarFeedStatus'),
      corrections: list(ref('Correction')),
      representing: {
        ...object({
          grantId: uuid,
          citizen: { type: 'string', example: '150671-xxxx' },
          name: nullable({ type: 'string', example: 'Anna Jensen' }, 'The citizen’s name, when known'),
          access: { type: 'string', enum: ['read', 'act'], description: '`act`: the proxy may also request corrections' },
        }),
        description: 'When a proxy reads: whose overview it is and what the power of attorney allows',
      },
    },
    ['benefits', 'calendar', 'representing'],
  ),
  TimelineEntry: object(
    {
      seq: { type: 'integer' },
      event: { type: 'string', example: 'journey.started' },
      title: { allOf: [ref('Text')], description: 'What happened, in the reader’s words (never the event id)' },
      data: anyObject,
      actor: object(
        {
          kind: { type: 'string', enum: ['citizen', 'proxy', 'caseworker', 'system', 'engine', 'register'] },
          id: { type: 'string' },
          authority: { type: 'string' },
          onBehalfOf: { type: 'string' },
        },
        ['authority', 'onBehalfOf'],
      ),
      state: { type: 'string' },
      at: dateTime,
    },
    [],
  ),
  IntegrationTask: object({
    id: uuid,
    step: { type: 'string' },
    task: { type: 'string', example: 'order-health-card' },
    system: { type: 'string' },
    status: { type: 'string', enum: ['queued', 'running', 'completed', 'failed', 'dead'] },
    attempts: { type: 'integer' },
    lastError: nullable({ type: 'string' }),
    createdAt: dateTime,
    updatedAt: dateTime,
    retryable: { type: 'boolean', description: 'A dead-lettered task a caseworker may retry' },
  }),
  Note: object({ id: uuid, author: { type: 'string' }, authority: { type: 'string' }, body: { type: 'string' }, at: dateTime }),
  CitizenExport: object({
    exportedAt: dateTime,
    citizen: object({
      id: uuid,
      cpr: { type: 'string' },
      name: nullable({ type: 'string' }, 'As the CPR register or the sign-in gave it'),
      birthDate: nullable(date),
      createdAt: dateTime,
    }),
    journeys: list(
      object({
        journey: ref('JourneyView'),
        history: list(ref('TimelineEntry')),
        tasks: list(ref('IntegrationTask')),
        notes: list(ref('Note')),
      }),
    ),
    notifications: list(ref('Notification')),
    accessLog: list(ref('AccessLogEntry')),
    proxies: ref('ProxyGrants'),
    corrections: list(
      object({
        id: uuid,
        journeyId: nullable(uuid),
        fact: { type: 'string' },
        authority: { type: 'string' },
        description: { type: 'string' },
        requestedBy: { type: 'string' },
        status: { type: 'string' },
        answer: nullable({ type: 'string' }),
        createdAt: dateTime,
        answeredAt: nullable(dateTime),
      }),
    ),
    calendarFeeds: list(object({ createdAt: dateTime, revokedAt: nullable(dateTime) })),
  }),
};
