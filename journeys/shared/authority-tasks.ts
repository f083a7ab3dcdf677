/**
 * The catalogue of operations journeys request from authority systems (journeys.md, the steps and the
 * "Integration catalogue"). A machine's `integration.request` command names `system` and `task` from
 * here; its `input` must match the task's schema. Pure data: the ports, the HTTP adapter and the
 * sandbox are all derived from this file, so a new operation is added here first.
 *
 * Examples are written as if today were `CATALOGUE_EXAMPLE_DATE`; the sandbox shifts their dates
 * to the real today.
 *
 * Data minimisation: a CPR number is stored once (the `citizen` table) and never travels in a task's
 * input or output, since both are persisted (`integration_task.input`, the journey history).
 * - The person a task concerns is the call's `subject` (`AuthorityCall.subject`): the engine resolves
 *   it from the citizen table at call time and the adapter sends it beside the input, never in it.
 * - Other persons (spouse, children, the other parent, a deceased relative, co-signers, movers) are
 *   named by their role and a few minimal facts (relation, birth date, date of death). The authority
 *   resolves the actual persons from the subject's CPR relations.
 * - Outputs carry no CPR numbers either: a number the authority assigns reaches the citizen table
 *   through a separate register feed, not through journeys.
 * No input property is named like a CPR number, and no example or output holds one
 * (test/contract/authority-tasks.spec.ts checks both).
 */
import type { AuthoritySystemId, JourneyTypeId, JsonSchema, Text } from './contract';

export const CATALOGUE_EXAMPLE_DATE = '2025-03-03';

// --- A JSON Schema builder that keeps the TypeScript type of the values a schema accepts. ---------

declare const VALUE: unique symbol;
export type Schema<T> = JsonSchema & { readonly [VALUE]?: T };
export type Infer<S> = S extends Schema<infer T> ? T : never;
type Props = Record<string, Schema<unknown>>;
type Flat<T> = { [K in keyof T]: T[K] } & {};
type ObjectOf<P extends Props> = Flat<
  { [K in keyof P as K extends `${string}?` ? never : K]: Infer<P[K]> } & {
    [K in keyof P as K extends `${infer N}?` ? N : never]?: Infer<P[K]>;
  }
>;

const s = <T>(schema: JsonSchema): Schema<T> => schema;
const STR = s<string>({ type: 'string', minLength: 1, maxLength: 200 });
const CVR = s<string>({ type: 'string', pattern: '^[0-9]{8}$' });
const DATE = s<string>({ type: 'string', format: 'date' });
const MONTH = s<string>({ type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' });
const UUID = s<string>({ type: 'string', format: 'uuid' });
const REF = s<string>({ type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9-]{2,63}$' });
const COUNTRY = s<string>({ type: 'string', pattern: '^[A-Z]{2}$' });
const MUNICIPALITY = s<string>({ type: 'string', pattern: '^[0-9]{4}$' });
const BOOL = s<boolean>({ type: 'boolean' });
const AMOUNT = s<number>({ type: 'number', minimum: 0 });
const int = (minimum = 0, maximum?: number) => s<number>({ type: 'integer', minimum, maximum });
const oneOf = <const V extends string>(...values: V[]) => s<V>({ type: 'string', enum: values });
const list = <T>(items: Schema<T>, minItems = 1, maxItems?: number) =>
  s<T[]>({ type: 'array', items, minItems, maxItems });
function obj<P extends Props>(props: P, extra: JsonSchema = {}): Schema<ObjectOf<P>> {
  const names = Object.keys(props).map((k) => [k.replace(/\?$/, ''), k] as const);
  return {
    type: 'object',
    additionalProperties: false,
    required: names.filter(([name, k]) => name === k).map(([name]) => name),
    properties: Object.fromEntries(names.map(([name, k]) => [name, props[k]])),
    ...extra,
  };
}

// --- Task definitions ---------------------------------------------------------------------------

/** `journey/step` ids from journeys.md that request the task. */
export type StepRef = `${JourneyTypeId}/${string}`;
type Output = Record<string, unknown>;

export interface TaskDefinition<I = Record<string, unknown>, O extends Output = Output> {
  /** `read` never changes anything at the authority; `write` is a side effect applied at most once per key. */
  effect: 'read' | 'write';
  title: Text;
  usedBy: StepRef[];
  input: Schema<I>;
  inputExample: I;
  /** An example output: every output of the task has exactly these keys. */
  output: O;
}

type AnyTaskDefinition = Omit<TaskDefinition, 'input' | 'inputExample'> & { input: JsonSchema; inputExample: unknown };

const task =
  (effect: 'read' | 'write') =>
  <I, O extends Output>(da: string, en: string, usedBy: StepRef[], input: Schema<I>, inputExample: NoInfer<I>, output: O) =>
    ({ effect, title: { da, en }, usedBy, input, inputExample, output }) satisfies TaskDefinition<I, O>;
const read = task('read');
const write = task('write');

const ADDR = '0a3f50a0-75e9-32b8-e044-0003ba298018';
const EMPLOYER = '12345678';

// --- The subject and other persons: never by CPR number (see the top of the file). --------------

/** A task about the subject that needs nothing else: the subject travels beside the input. */
const SUBJECT_ONLY = obj({});
/** Someone moving with the subject, by relation; `birthDate` tells children (or others) apart. */
const MOVER = obj({ relation: oneOf('self', 'spouse', 'partner', 'child', 'other'), 'birthDate?': DATE });
/** One of the subject's children as CPR relates them: its birth date; `sequence` tells twins apart (1 = first listed). */
const CHILD = obj({ birthDate: DATE, 'sequence?': int(1, 9) });
/** The child's other parent (besides the subject), by role. */
const OTHER_PARENT = oneOf('mother', 'father', 'co-mother');
/** Who signs: the subject and/or persons related to the subject. */
const SIGNER = oneOf('self', 'spouse', 'other-parent');
/** A deceased person, by relation to the subject (the bereaved). */
const DECEASED_RELATION = oneOf('spouse', 'partner', 'parent', 'child', 'sibling');
const A_CHILD = { birthDate: '2025-01-01' };
const DECEASED = { deceasedRelation: 'spouse', dateOfDeath: '2025-03-01' } as const;

export const AUTHORITY_SYSTEMS = {
  cpr: { name: { da: 'CPR', en: 'Civil Registration System' }, owner: 'CPR-kontoret (Indenrigs- og Sundhedsministeriet)' },
  'borger-dk': { name: { da: 'borger.dk selvbetjening', en: 'borger.dk self-services' }, owner: 'Digitaliseringsstyrelsen' },
  municipality: { name: { da: 'Folkeregister og Borgerservice', en: 'Municipal registry and citizen service' }, owner: 'Kommunen' },
  'health-insurance': { name: { da: 'Sygesikring og lægevalg', en: 'Health insurance and GP choice' }, owner: 'Kommunen' },
  mitid: { name: { da: 'MitID og NemLog-in', en: 'MitID and NemLog-in' }, owner: 'Digitaliseringsstyrelsen' },
  'digital-post': { name: { da: 'Digital Post', en: 'Digital Post' }, owner: 'Digitaliseringsstyrelsen' },
  skattestyrelsen: { name: { da: 'Skattestyrelsen (TastSelv, eSkattekort)', en: 'Danish Tax Agency' }, owner: 'Skattestyrelsen' },
  'udbetaling-danmark': { name: { da: 'Udbetaling Danmark: familieydelser og barsel', en: 'Payment Denmark: family benefits and parental leave' }, owner: 'Udbetaling Danmark (ATP)' },
  'udbetaling-danmark-housing': { name: { da: 'Udbetaling Danmark: boligstøtte', en: 'Payment Denmark: housing benefit' }, owner: 'Udbetaling Danmark (ATP)' },
  'udbetaling-danmark-pension': { name: { da: 'Udbetaling Danmark: pension, hjælp og FerieKonto', en: 'Payment Denmark: pension, grants and holiday pay' }, owner: 'Udbetaling Danmark (ATP)' },
  atp: { name: { da: 'ATP Livslang Pension', en: 'ATP Lifelong Pension' }, owner: 'ATP' },
  nemkonto: { name: { da: 'NemKonto', en: 'NemKonto (easy account)' }, owner: 'Digitaliseringsstyrelsen' },
  familieretshuset: { name: { da: 'Familieretshuset', en: 'Agency of Family Law' }, owner: 'Familieretshuset' },
  'parish-registrar': { name: { da: 'Kirkebogsføreren (personregistrering)', en: 'Parish registrar' }, owner: 'Folkekirken (sønderjyske kommuner)' },
  'probate-court': { name: { da: 'Skifteretten', en: 'Probate court' }, owner: 'Domstolsstyrelsen (byretterne)' },
  sundhedsdatastyrelsen: { name: { da: 'Sundhedsdatastyrelsen (dødsattester)', en: 'Danish Health Data Authority' }, owner: 'Sundhedsdatastyrelsen' },
  jobnet: { name: { da: 'Jobnet og jobcenter', en: 'Jobnet and job centre' }, owner: 'Styrelsen for Arbejdsmarked og Rekruttering (STAR)' },
  'a-kasse': { name: { da: 'A-kasse', en: 'Unemployment insurance fund' }, owner: 'A-kasserne' },
  'optagelse-dk': { name: { da: 'Optagelse.dk', en: 'Optagelse.dk (admissions)' }, owner: 'Styrelsen for It og Læring (STIL)' },
  minsu: { name: { da: 'minSU', en: 'minSU (student grants)' }, owner: 'Uddannelses- og Forskningsstyrelsen' },
  'digital-pladsanvisning': { name: { da: 'Digital Pladsanvisning og skoleindskrivning', en: 'Daycare allocation and school enrolment' }, owner: 'Kommunen' },
  siri: { name: { da: 'SIRI og International Citizen Service', en: 'SIRI and International Citizen Service' }, owner: 'Styrelsen for International Rekruttering og Integration' },
  dar: { name: { da: 'Danmarks Adresseregister (Datafordeleren)', en: 'Danish Address Register' }, owner: 'Styrelsen for Dataforsyning og Infrastruktur (SDFI)' },
  employer: { name: { da: 'Arbejdsgiver', en: 'Employer' }, owner: 'Arbejdsgiveren (via virk.dk)' },
} as const satisfies Record<AuthoritySystemId, { name: Text; owner: string }>;

const caseStatus = (da: string, usedBy: StepRef[]) =>
  read(`Sagsstatus (${da})`, `Case status (${da})`, usedBy, obj({ caseRef: REF }), { caseRef: 'SAG-2025-001234' },
    { caseRef: 'SAG-2025-001234', status: 'decided', decision: 'granted', decidedOn: '2025-03-24' });

export const AUTHORITY_TASK_CATALOGUE = {
  cpr: {
    'lookup-person': read('Slå person op i CPR', 'Look up a person in CPR', ['digital-citizen/dp-parent-notice', 'becoming-a-parent/paternity', 'retiring/compute-pension-age', 'losing-a-relative/notify-authorities'],
      SUBJECT_ONLY, {},
      { status: 'active', birthDate: '1990-03-15', maritalStatus: 'married', municipalityCode: '0751', addressId: ADDR, addressProtection: false, citizenship: 'DK',
        relations: [{ relation: 'child', birthDate: '2025-01-01', custody: true, sameAddress: true }] }),
    'register-move': write('Anmeld flytning', 'Register a move', ['moving/report-move', 'divorce/move-out', 'starting-education/move-out'],
      obj({ movers: list(MOVER, 1, 20), addressId: UUID, moveDate: DATE, 'coName?': STR }), { movers: [{ relation: 'self' }], addressId: ADDR, moveDate: '2025-03-15' },
      { registrationRef: 'FLY-2025-004211', status: 'registered', effectiveDate: '2025-03-15', municipalityCode: '0751' }),
    'confirm-move-registration': read('Bekræft at flytningen er registreret', 'Confirm that the move is registered', ['moving/cpr-propagation'],
      obj({ movingDate: DATE, darAddressId: UUID, municipalityCode: MUNICIPALITY }), { movingDate: '2025-03-15', darAddressId: ADDR, municipalityCode: '0751' },
      { registered: true, registrationRef: 'FLY-2025-004211', effectiveDate: '2025-03-15', municipalityCode: '0751' }),
    'register-emigration': write('Anmeld udrejse', 'Register emigration', ['moving-abroad/report-emigration'],
      obj({ departureDate: DATE, country: COUNTRY, 'keepElectoralRoll?': BOOL }), { departureDate: '2025-03-20', country: 'DE' },
      { registrationRef: 'UDR-2025-000817', status: 'registered', effectiveDate: '2025-03-20', cprStatus: 'udrejst' }),
    'register-immigration': write('Registrering ved indrejse', 'Register on arrival', ['moving-to-denmark/register-cpr'],
      obj({ birthDate: DATE, citizenship: COUNTRY, residenceBasis: oneOf('nordic', 'eu', 'permit'), addressId: UUID, arrivalDate: DATE, 'residenceDocumentRef?': REF }),
      { birthDate: '1990-03-15', citizenship: 'PL', residenceBasis: 'eu', addressId: ADDR, arrivalDate: '2025-03-01', residenceDocumentRef: 'EU-2025-778812' },
      // The assigned CPR number is not in the output: it reaches the citizen table through a separate
      // register feed, not through journeys. An administrative number the subject already has is kept.
      { cprAssigned: true, registrationRef: 'IND-2025-002231', status: 'registered', effectiveDate: '2025-03-01', healthCardExpectedDate: '2025-03-24', residenceCardOrdered: false }),
    'registration-status': read('Status på registrering', 'Registration status', ['moving/cpr-propagation', 'moving-abroad/cpr-status-udrejst', 'moving/logivaert-check'],
      obj({ registrationRef: REF }), { registrationRef: 'FLY-2025-004211' },
      { registrationRef: 'FLY-2025-004211', status: 'registered', effectiveDate: '2025-03-15', propagatedTo: ['skattestyrelsen', 'udbetaling-danmark', 'health-insurance'] }),
    // The citizen is the call's subject (the engine resolves the CPR number); completes once CPR shows the departure.
    'confirm-emigration-registration': read('Bekræft at udrejsen er registreret', 'Confirm that the departure is registered', ['moving-abroad/cpr-status-udrejst'],
      obj({ departureDate: DATE, destination: oneOf('nordic', 'greenland', 'other') }), { departureDate: '2025-03-20', destination: 'other' },
      { registered: true, cprStatus: 'udrejst', effectiveDate: '2025-03-20' }),
  },
  'borger-dk': {
    'self-service-link': read('Link til selvbetjening', 'Self-service deep link', ['moving/report-move', 'moving-abroad/report-emigration', 'becoming-a-parent/naming', 'losing-a-relative/report-death-request-burial'],
      obj({ service: oneOf('anmeld-flytning', 'anmeld-udrejse', 'navngivning', 'omsorgs-og-ansvarserklaering', 'anmeld-doedsfald', 'skift-laege', 'soeg-boligstoette', 'folkepension', 'separation-skilsmisse') }),
      { service: 'anmeld-flytning' }, { service: 'anmeld-flytning', url: 'https://www.borger.dk/selvbetjening/anmeld-flytning', validUntil: '2025-04-02' }),
    'submission-status': read('Status på indsendt selvbetjening', 'Self-service submission status', ['moving/report-move', 'becoming-a-parent/paternity'],
      obj({ receiptRef: REF }), { receiptRef: 'KVIT-2025-118822' }, { receiptRef: 'KVIT-2025-118822', status: 'forwarded', submittedAt: '2025-03-03T09:12:00Z', forwardedTo: 'cpr' }),
  },
  municipality: {
    'request-landlord-declaration': write('Bed om logiværtserklæring', 'Request a host declaration', ['moving/logivaert-check'],
      obj({ registrationRef: REF, addressId: UUID }), { registrationRef: 'FLY-2025-004211', addressId: ADDR },
      { caseRef: 'LOG-2025-000341', status: 'requested', answerDueDate: '2025-03-17' }),
    'request-child-move-hearing': write('Partshøring ved barns flytning', 'Hear the other parent about a child\'s move', ['moving/child-move-hearing', 'divorce/children-arrangements'],
      obj({ registrationRef: REF, child: CHILD, otherParent: OTHER_PARENT }), { registrationRef: 'FLY-2025-004211', child: A_CHILD, otherParent: 'father' },
      { caseRef: 'HOR-2025-000112', status: 'hearing-sent', answerDueDate: '2025-03-17' }),
    'case-status': caseStatus('kommune', ['moving/logivaert-check', 'moving/child-move-hearing', 'losing-a-job/apply-social-assistance']),
    'book-appointment': write('Book tid i Borgerservice', 'Book a citizen service appointment', ['moving-to-denmark/register-cpr', 'digital-citizen/get-mitid'],
      obj({ purpose: oneOf('cpr-registration', 'mitid', 'id-card', 'digital-post-exemption'), municipalityCode: MUNICIPALITY, preferredDate: DATE }),
      { purpose: 'mitid', municipalityCode: '0751', preferredDate: '2025-03-06' },
      { bookingRef: 'BS-2025-020331', appointmentAt: '2025-03-06T09:30:00Z', location: 'Borgerservice, Rådhuspladsen 2' }),
    'apply-address-protection': write('Søg navne- og adressebeskyttelse', 'Apply for address protection', ['moving/address-protection'],
      obj({ addressId: UUID }), { addressId: ADDR }, { caseRef: 'NAB-2025-000090', status: 'granted', validUntil: '2026-03-03' }),
    'apply-social-assistance': write('Søg kontanthjælp', 'Apply for social assistance', ['losing-a-job/apply-social-assistance'],
      obj({ firstDay: DATE, benefit: oneOf('kontanthjaelp', 'uddannelseshjaelp', 'selvforsoergelsesydelse'), hasSpouse: BOOL }),
      { firstDay: '2025-03-03', benefit: 'kontanthjaelp', hasSpouse: false },
      { caseRef: 'KH-2025-004410', status: 'received', helpFrom: '2025-03-03', decisionDueDate: '2025-03-31' }),
  },
  'health-insurance': {
    'list-gp-clinics': read('Find læger med åben liste', 'Find GPs with open lists', ['moving/gp-choice', 'moving-to-denmark/gp-and-health-card'],
      obj({ addressId: UUID, 'maxDistanceKm?': int(1, 100) }), { addressId: ADDR, maxDistanceKm: 15 },
      { clinics: [{ clinicId: 'YDR-012345', name: 'Lægerne i Centrum', distanceKm: 1.2, openList: true }] }),
    'change-gp': write('Skift læge', 'Change GP', ['moving/gp-choice', 'digital-citizen/own-gp-choice', 'moving-to-denmark/gp-and-health-card'],
      obj({ clinicId: REF, reason: oneOf('move', 'age-15', 'newcomer', 'choice') }), { clinicId: 'YDR-012345', reason: 'move' },
      { changeRef: 'LV-2025-031337', clinicId: 'YDR-012345', effectiveDate: '2025-03-03', fee: 0 }),
    'order-health-card': write('Bestil sundhedskort', 'Order a health card', ['moving/cpr-propagation', 'becoming-a-parent/naming', 'moving-to-denmark/gp-and-health-card'],
      obj({ reason: oneOf('move', 'name-change', 'new-registration', 'lost'), 'child?': CHILD }), { reason: 'move' },
      { orderRef: 'SK-2025-552100', expectedDeliveryDate: '2025-03-21' }),
  },
  mitid: {
    'identity-status': read('Har borgeren MitID', 'Does the citizen have MitID', ['digital-citizen/get-mitid', 'moving-to-denmark/digital-post-mitid'],
      SUBJECT_ONLY, {}, { hasMitid: true, assuranceLevel: 'substantial', validUntil: '2029-03-03' }),
    'create-signing-request': write('Opret signering', 'Create a signing request', ['divorce/apply-separation-divorce', 'becoming-a-parent/paternity', 'becoming-a-parent/naming'],
      obj({ documentRef: REF, purpose: STR, signers: list(SIGNER, 1, 3) }), { documentRef: 'DOC-2025-000777', purpose: 'divorce-application', signers: ['self', 'spouse'] },
      { signingRef: 'SIGN-2025-090001', signingUrl: 'https://signing.example.nemlog-in.dk/s/SIGN-2025-090001', status: 'pending', expiresAt: '2025-03-17T23:59:00Z' }),
    'signing-status': read('Status på signering', 'Signing status', ['divorce/apply-separation-divorce', 'becoming-a-parent/paternity'],
      obj({ signingRef: REF }), { signingRef: 'SIGN-2025-090001' }, { signingRef: 'SIGN-2025-090001', status: 'signed', signedCount: 2, completedAt: '2025-03-03T11:00:00Z' }),
  },
  'digital-post': {
    'send-letter': write('Send brev', 'Send a letter', ['digital-citizen/dp-parent-notice'],
      obj({ template: REF, 'recipient?': oneOf('self', 'parents'), 'language?': oneOf('da', 'en') }), { template: 'dp-parent-notice', recipient: 'parents' },
      { messageId: 'DP-2025-77120033', channel: 'digital', deliveredAt: '2025-03-03T08:00:00Z' }),
    'mailbox-status': read('Status på postkasse', 'Mailbox status', ['digital-citizen/dp-first-login', 'moving-to-denmark/digital-post-mitid'],
      SUBJECT_ONLY, {}, { status: 'active', exempt: false, readAccessCount: 0, alertsConfigured: true }),
    'create-mailbox': write('Opret postkasse ved 15 år', 'Create the mailbox at 15', ['digital-citizen/dp-mailbox-created'],
      obj({ activationDate: DATE }), { activationDate: '2025-03-17' }, { mailboxRef: 'PK-2025-001515', status: 'scheduled', activatesOn: '2025-03-17' }),
    'register-exemption': write('Fritagelse for Digital Post', 'Exemption from Digital Post', ['digital-citizen/dp-mailbox-created'],
      obj({ reason: oneOf('no-internet', 'disability', 'abroad', 'language', 'other') }), { reason: 'no-internet' },
      { exemptionRef: 'FRI-2025-000311', validFrom: '2025-03-03' }),
    'grant-read-access': write('Giv læseadgang', 'Grant read access', ['digital-citizen/dp-first-login'],
      obj({ readerRelation: oneOf('parent', 'spouse', 'partner', 'child') }), { readerRelation: 'parent' }, { accessRef: 'LA-2025-004001', validFrom: '2025-03-03' }),
    'close-mailbox': write('Luk postkasse ved dødsfald', 'Close the mailbox at death', ['losing-a-relative/automatic-effects'],
      obj({ deceasedRelation: DECEASED_RELATION, dateOfDeath: DATE }), DECEASED, { status: 'closed', closedOn: '2025-03-03', retainedUntil: '2030-03-03' }),
    'request-estate-access': write('Adgang til afdødes post', 'Access to the deceased\'s mail', ['losing-a-relative/digital-post-access'],
      obj({ deceasedRelation: DECEASED_RELATION, dateOfDeath: DATE, probateCertificateRef: REF }), { ...DECEASED, probateCertificateRef: 'SKA-2025-000419' },
      { accessRef: 'DA-2025-000120', status: 'granted', validUntil: '2025-09-03' }),
  },
  skattestyrelsen: {
    'get-tax-card': read('Hent skattekort', 'Get the tax card', ['digital-citizen/frikort-created', 'new-job/tax-card'],
      obj({ year: int(2000, 2100) }), { year: 2025 }, { cardType: 'hovedkort', withholdingRate: 37, monthlyAllowance: 4300, frikortAmount: 0 }),
    'set-tax-card-type': write('Vælg hovedkort eller bikort', 'Choose main or secondary tax card', ['starting-education/set-tax-card', 'new-job/tax-card'],
      obj({ payer: oneOf('su', 'employer'), 'payerCvr?': CVR, cardType: oneOf('hovedkort', 'bikort') }), { payer: 'employer', payerCvr: EMPLOYER, cardType: 'hovedkort' },
      { changeRef: 'SKK-2025-880011', effectiveDate: '2025-03-03' }),
    'update-preliminary-assessment': write('Ret forskudsopgørelsen', 'Update the preliminary assessment', ['moving/update-preliminary-tax', 'becoming-a-parent/update-preliminary-tax', 'new-job/update-preliminary-tax', 'losing-a-job/update-preliminary-tax', 'divorce/update-tax-and-housing', 'digital-citizen/frikort-created'],
      obj({ year: int(2000, 2100), fields: obj({ '201?': AMOUNT, '216?': AMOUNT, '304?': AMOUNT, '417?': AMOUNT }, { minProperties: 1 }) }),
      { year: 2025, fields: { '201': 420000 } }, { assessmentRef: 'FO-2025-3300417', effectiveDate: '2025-04-01', withholdingRate: 38 }),
    'report-emigration': write('Ophør af skattepligt ved fraflytning', 'Report leaving Denmark (tax liability)', ['moving-abroad/tax-liability'],
      obj({ departureDate: DATE, country: COUNTRY, homeStatus: oneOf('sold', 'let-3-years', 'terminated', 'kept') }),
      { departureDate: '2025-03-20', country: 'DE', homeStatus: 'terminated' }, { caseRef: 'SKP-2025-001902', liability: 'limited', formRequired: true }),
    'apply-tax-card': write('Søg skattekort (tilflytter, 04.063)', 'Apply for a tax card (newcomer, 04.063)', ['moving-to-denmark/tax-card'],
      obj({ arrivalDate: DATE, jobStartDate: DATE, 'employerCvr?': CVR }), { arrivalDate: '2025-03-01', jobStartDate: '2025-04-01', employerCvr: EMPLOYER },
      { taxCardRef: 'SKK-2025-880200', cardType: 'hovedkort', expectedReadyDate: '2025-03-17' }),
    // The citizen is the call's subject (the engine resolves the CPR number); completes once the card exists
    // and, when a payer is given, that payer has fetched it.
    'confirm-tax-card': read('Bekræft at skattekortet er klar', 'Confirm that the tax card is ready', ['new-job/tax-card', 'moving-to-denmark/tax-card'],
      obj({ year: int(2000, 2100), 'payerCvr?': CVR, 'cardType?': oneOf('hovedkort', 'bikort') }), { year: 2025, payerCvr: EMPLOYER, cardType: 'hovedkort' },
      { cardType: 'hovedkort', issuedOn: '2025-03-03', fetchedByPayer: true, withholdingRate: 37 }),
    // eIndkomst: completes once the payer has reported pay for the citizen from `fromMonth` on (ATP and pension show there).
    'confirm-payroll-reported': read('Bekræft lønindberetning i eIndkomst', 'Confirm that pay is reported to eIndkomst', ['new-job/pension-atp'],
      obj({ fromMonth: MONTH, 'payerCvr?': CVR }), { fromMonth: '2025-03', payerCvr: EMPLOYER },
      { reported: true, firstPayMonth: '2025-03', atpContribution: 99, labourMarketPension: true }),
  },
  'udbetaling-danmark': {
    'child-benefit-status': read('Status på børne- og ungeydelse', 'Child benefit status', ['becoming-a-parent/child-benefit', 'digital-citizen/ungeydelse-switch'],
      SUBJECT_ONLY, {}, { benefit: 'boerneydelse', entitled: true, recipientShare: 50, optjeningPercent: 100, nextPaymentDate: '2025-04-20' }),
    'apply-child-benefit': write('Søg børne- og ungeydelse', 'Apply for child benefit', ['becoming-a-parent/child-benefit', 'moving-to-denmark/family-benefits'],
      obj({ children: list(CHILD, 1, 20), residenceBasis: oneOf('resident', 'eu-worker', 'returning-dane') }), { children: [A_CHILD], residenceBasis: 'eu-worker' },
      { caseRef: 'BUY-2025-010203', status: 'received', expectedDecisionDate: '2025-04-14' }),
    'change-child-benefit-split': write('Skift modtager af børneydelse', 'Change who receives child benefit', ['divorce/family-benefits'],
      obj({ children: list(CHILD, 1, 20), recipient: oneOf('split', 'self', 'other-parent') }), { children: [A_CHILD], recipient: 'self' },
      { changeRef: 'BUY-2025-010777', effectiveFrom: '2025-04-01' }),
    'apply-single-parent-allowance': write('Søg børnetilskud', 'Apply for single-parent allowance', ['divorce/family-benefits'],
      obj({ children: list(CHILD, 1, 20), singleSince: DATE }), { children: [A_CHILD], singleSince: '2025-03-01' },
      { caseRef: 'BT-2025-004020', status: 'received', paidFrom: '2025-04-01' }),
    'apply-maternity-benefit': write('Søg barselsdagpenge', 'Apply for maternity benefit', ['becoming-a-parent/apply-maternity-benefit'],
      obj({ salaryStopDate: DATE, leaveStartDate: DATE, 'employerCvr?': CVR }), { salaryStopDate: '2025-03-01', leaveStartDate: '2025-02-10', employerCvr: EMPLOYER },
      { caseRef: 'BAR-2025-077100', status: 'received', firstPaymentDate: '2025-03-31' }),
    'report-change': write('Giv besked om ændringer', 'Report a change', ['moving-abroad/benefits-stop', 'divorce/family-benefits'],
      obj({ change: oneOf('moved-abroad', 'moved-out', 'income', 'household'), effectiveDate: DATE }), { change: 'moved-abroad', effectiveDate: '2025-03-20' },
      { changeRef: 'AEN-2025-300100', receivedOn: '2025-03-03', benefitsAffected: ['boerneydelse'] }),
  },
  'udbetaling-danmark-housing': {
    'apply-housing-benefit': write('Søg boligstøtte', 'Apply for housing benefit', ['moving/housing-benefit'],
      obj({ addressId: UUID, moveInDate: DATE, monthlyRent: AMOUNT, householdSize: int(1, 20), annualHouseholdIncome: AMOUNT }),
      { addressId: ADDR, moveInDate: '2025-03-15', monthlyRent: 6500, householdSize: 1, annualHouseholdIncome: 180000 },
      { caseRef: 'BOS-2025-061230', status: 'received', paidFrom: '2025-03-15', expectedDecisionDate: '2025-03-31' }),
    'report-housing-change': write('Giv besked om ændringer (boligstøtte)', 'Report a change (housing benefit)', ['moving/housing-benefit', 'divorce/update-tax-and-housing', 'retiring/housing-benefit-recalc'],
      obj({ change: oneOf('moved', 'household-member-left', 'income-changed', 'pension-started'), effectiveDate: DATE }),
      { change: 'household-member-left', effectiveDate: '2025-03-01' }, { changeRef: 'BOS-2025-061901', recalculationExpectedDate: '2025-04-14' }),
    'housing-benefit-status': read('Status på boligstøtte', 'Housing benefit status', ['retiring/housing-benefit-recalc', 'new-job/income-linked-benefits'],
      SUBJECT_ONLY, {}, { active: true, monthlyAmount: 1850, nextRecalculationDate: '2025-07-01' }),
  },
  'udbetaling-danmark-pension': {
    'apply-folkepension': write('Søg folkepension', 'Apply for state pension', ['retiring/apply-folkepension'],
      obj({ startDate: DATE, deferred: BOOL }), { startDate: '2025-08-01', deferred: false },
      { caseRef: 'FP-2025-019283', status: 'received', firstPaymentDate: '2025-08-29', expectedDecisionDate: '2025-04-14' }),
    'case-status': caseStatus('pension', ['retiring/apply-folkepension', 'losing-a-relative/funeral-grant']),
    'apply-funeral-grant': write('Søg begravelseshjælp', 'Apply for funeral grant', ['losing-a-relative/funeral-grant'],
      obj({ deceasedRelation: DECEASED_RELATION, dateOfDeath: DATE, funeralCost: AMOUNT, 'probateCertificateRef?': REF }),
      { ...DECEASED, funeralCost: 32000, probateCertificateRef: 'SKA-2025-000419' },
      { caseRef: 'BGH-2025-002201', status: 'received', amountEstimate: 12000, expectedPaymentDate: '2025-04-03' }),
    'apply-survivor-grant': write('Søg efterlevelseshjælp', 'Apply for survivor\'s grant', ['losing-a-relative/spouse-survivor'],
      obj({ deceasedRelation: oneOf('spouse', 'partner'), dateOfDeath: DATE }), { deceasedRelation: 'spouse', dateOfDeath: '2025-03-01' },
      { caseRef: 'EFH-2025-000301', status: 'received', expectedDecisionDate: '2025-04-14' }),
    'request-holiday-pay': write('Få feriepenge udbetalt', 'Request holiday pay', ['new-job/holiday-pay', 'retiring/holiday-pay', 'losing-a-job/holiday-pay'],
      obj({ reason: oneOf('holiday', 'retirement', 'leaving-labour-market'), 'days?': int(1, 30) }), { reason: 'holiday', days: 5 },
      { paymentRef: 'FK-2025-660012', amount: 7420.5, paymentDate: '2025-03-10' }),
    'holiday-pay-balance': read('Saldo på FerieKonto', 'Holiday pay balance', ['new-job/holiday-pay', 'losing-a-job/holiday-pay'],
      SUBJECT_ONLY, {}, { days: 12.5, amount: 18551.25, earnedThrough: '2025-02-28' }),
  },
  atp: {
    'payout-status': read('Status på ATP-udbetaling', 'ATP payout status', ['retiring/atp-payout'],
      SUBJECT_ONLY, {}, { status: 'scheduled', firstPaymentDate: '2025-07-31', monthlyAmount: 2150, lumpSum: false }),
    'defer-payout': write('Udskyd ATP', 'Defer ATP payout', ['retiring/atp-payout'],
      obj({ deferUntil: DATE }), { deferUntil: '2026-08-01' }, { deferralRef: 'ATP-2025-400100', newStartDate: '2026-08-01' }),
    'start-payout': write('Start ATP-udbetaling (udland)', 'Start ATP payout (abroad)', ['retiring/atp-payout'],
      obj({ startDate: DATE, 'country?': COUNTRY }), { startDate: '2025-08-01', country: 'ES' },
      { payoutRef: 'ATP-2025-400200', firstPaymentDate: '2025-08-29' }),
  },
  nemkonto: {
    'account-status': read('Har borgeren en NemKonto', 'Is a NemKonto nominated', ['starting-education/apply-su', 'becoming-a-parent/child-benefit', 'moving-abroad/tax-liability', 'moving-to-denmark/bank-nemkonto'],
      SUBJECT_ONLY, {}, { hasNemkonto: true, foreignAccount: false, registeredOn: '2012-05-01' }),
  },
  familieretshuset: {
    'apply-divorce': write('Søg separation eller skilsmisse', 'Apply for separation or divorce', ['divorce/apply-separation-divorce'],
      obj({ type: oneOf('separation', 'divorce'), agreedOnTerms: BOOL, 'grounds?': oneOf('separated', 'two-years-apart', 'infidelity', 'violence', 'bigamy', 'child-abduction') }),
      { type: 'divorce', agreedOnTerms: true },
      { caseRef: 'FRH-2025-123456', status: 'received', fee: 825, track: 'paragraph-5', expectedDecisionDate: '2025-03-24' }),
    'case-status': caseStatus('Familieretshuset', ['divorce/screening', 'divorce/agree-terms', 'divorce/child-support', 'becoming-a-parent/paternity']),
    // Completes once Familieretshuset has screened (visiteret) the case: § 5 simple, § 6 conflict resolution,
    // § 7 sent on to the family court (lov om Familieretshuset §§ 5-7).
    'screening-result': read('Visitation af sagen', 'Case screening result', ['divorce/screening'],
      obj({ caseRef: REF }), { caseRef: 'FRH-2025-123456' },
      { caseRef: 'FRH-2025-123456', track: 'paragraph-5', screenedOn: '2025-03-10' }),
    'request-terms-negotiation': write('Bed om vilkårsforhandling', 'Request a terms negotiation', ['divorce/agree-terms'],
      obj({ caseRef: REF, topics: list(oneOf('spousal-maintenance', 'home'), 1, 2) }), { caseRef: 'FRH-2025-123456', topics: ['home'] },
      { meetingRef: 'VF-2025-000455', meetingAt: '2025-03-20T10:00:00Z', fee: 2150 }),
    'apply-child-arrangement': write('Søg om bopæl, samvær eller forældremyndighed', 'Apply about residence, visitation or custody', ['divorce/children-arrangements'],
      obj({ otherParent: OTHER_PARENT, children: list(CHILD, 1, 20), topics: list(oneOf('residence', 'visitation', 'custody'), 1, 3) }),
      { otherParent: 'mother', children: [A_CHILD], topics: ['visitation'] },
      { caseRef: 'FRH-2025-123999', status: 'received', firstMeetingAt: '2025-03-31T09:00:00Z' }),
    'apply-child-support': write('Søg børnebidrag', 'Apply for child support', ['divorce/child-support'],
      obj({ payer: OTHER_PARENT, children: list(CHILD, 1, 20) }), { payer: 'father', children: [A_CHILD] },
      { caseRef: 'FRH-2025-124100', status: 'received', expectedDecisionDate: '2025-04-14' }),
    'apply-paternity-case': write('Sag om faderskab', 'Paternity case', ['becoming-a-parent/paternity'],
      obj({ applicantRole: oneOf('mother', 'alleged-father', 'alleged-co-mother'), child: CHILD }), { applicantRole: 'alleged-father', child: A_CHILD },
      { caseRef: 'FRH-2025-124200', status: 'received' }),
  },
  'parish-registrar': {
    'register-birth': write('Registrer fødsel', 'Register a birth', ['becoming-a-parent/birth-registration'],
      obj({ parentRole: oneOf('mother', 'father', 'co-mother'), birthDate: DATE, motherMarried: BOOL }), { parentRole: 'father', birthDate: '2025-03-01', motherMarried: true },
      // The child's CPR number reaches the citizen table through the register feed, not through journeys.
      { cprAssigned: true, registrationRef: 'KB-2025-010300', fatherRegistered: true }),
    'register-name': write('Navngivning', 'Name a child', ['becoming-a-parent/naming'],
      obj({ child: CHILD, givenNames: list(STR, 1, 10), surname: STR, 'middleNames?': list(STR, 0, 5), signedBy: list(SIGNER, 1, 2) }),
      { child: A_CHILD, givenNames: ['Alma'], surname: 'Jensen', signedBy: ['self', 'other-parent'] },
      { registrationRef: 'KB-2025-010301', status: 'registered', registeredOn: '2025-03-03' }),
    'declare-care-and-responsibility': write('Omsorgs- og ansvarserklæring', 'Declaration of care and responsibility', ['becoming-a-parent/paternity'],
      obj({ child: CHILD, otherParent: OTHER_PARENT }), { child: A_CHILD, otherParent: 'mother' },
      { declarationRef: 'OAE-2025-000812', status: 'registered', custody: 'joint', registeredOn: '2025-03-03' }),
    'request-burial': write('Anmeld dødsfald og anmod om begravelse', 'Report a death and request burial', ['losing-a-relative/report-death-request-burial', 'losing-a-relative/burial'],
      obj({ deceasedRelation: DECEASED_RELATION, dateOfDeath: DATE, form: oneOf('burial', 'cremation'), 'undertakerCvr?': CVR }),
      { ...DECEASED, form: 'cremation' },
      { caseRef: 'BEG-2025-000733', status: 'approved', burialDeadline: '2025-03-09', probateCourtNotified: true }),
  },
  'probate-court': {
    'estate-case-status': read('Status på dødsbo', 'Estate case status', ['losing-a-relative/probate'],
      obj({ deceasedRelation: DECEASED_RELATION, dateOfDeath: DATE }), DECEASED, { caseRef: 'BS-2025-3-001122', status: 'meeting-scheduled', meetingAt: '2025-03-24T10:00:00Z', settlement: 'undecided' }),
    'choose-settlement': write('Vælg skifteform', 'Choose how the estate is settled', ['losing-a-relative/probate'],
      obj({ caseRef: REF, settlement: oneOf('boudlaeg', 'aegtefaelleudlaeg', 'uskiftet-bo', 'privat-skifte', 'bobestyrer') }), { caseRef: 'BS-2025-3-001122', settlement: 'privat-skifte' },
      { caseRef: 'BS-2025-3-001122', status: 'accepted', courtFee: 750 }),
    'request-probate-certificate': write('Bed om skifteretsattest', 'Request a probate certificate', ['losing-a-relative/probate', 'losing-a-relative/digital-post-access'],
      obj({ caseRef: REF }), { caseRef: 'BS-2025-3-001122' }, { certificateRef: 'SKA-2025-000419', issuedOn: '2025-03-10' }),
    'apply-estate-division': write('Bodeling ved skifteretten', 'Division of property at the probate court', ['divorce/estate-split'],
      obj({ 'divorceCaseRef?': REF }), { divorceCaseRef: 'FRH-2025-123456' },
      { caseRef: 'BS-2025-5-000310', status: 'received', meetingAt: '2025-04-07T10:00:00Z' }),
  },
  sundhedsdatastyrelsen: {
    'death-certificate-status': read('Status på dødsattest', 'Death certificate status', ['losing-a-relative/death-certificate'],
      obj({ deceasedRelation: DECEASED_RELATION }), { deceasedRelation: 'spouse' }, { certificateRef: 'DA-2025-9912003', status: 'issued', issuedAt: '2025-03-01T16:20:00Z', dateOfDeath: '2025-03-01' }),
  },
  jobnet: {
    'register-unemployed': write('Tilmeld dig som ledig', 'Register as unemployed', ['losing-a-job/register-unemployed'],
      obj({ firstDayUnemployed: DATE, jobWishes: list(STR, 1, 10), insured: BOOL }), { firstDayUnemployed: '2025-03-03', jobWishes: ['Lagermedarbejder'], insured: true },
      { registrationRef: 'JN-2025-7000123', registeredOn: '2025-03-03', cvDueDate: '2025-03-17', firstMeetingAt: '2025-03-12T09:00:00Z' }),
    deregister: write('Afmeld dig som ledig', 'Deregister as unemployed', ['new-job/leave-unemployment'],
      obj({ reason: oneOf('employment', 'education', 'other'), lastDay: DATE }), { reason: 'employment', lastDay: '2025-03-31' },
      { deregistrationRef: 'JN-2025-7000999', effectiveDate: '2025-03-31' }),
    'cv-status': read('Status på CV', 'CV status', ['losing-a-job/cv-on-jobnet'], SUBJECT_ONLY, {}, { status: 'approved', dueDate: '2025-03-17', updatedOn: '2025-03-05' }),
    'plan-status': read('Status på Min Plan', 'My Plan status', ['losing-a-job/ongoing-duties'],
      SUBJECT_ONLY, {}, { lastJobSuggestionCheck: '2025-03-02', jobLogEntries: 4, nextMeetingAt: '2025-03-12T09:00:00Z' }),
  },
  'a-kasse': {
    'membership-status': read('Medlemsstatus', 'Membership status', ['losing-a-job/apply-dagpenge'],
      SUBJECT_ONLY, {}, { member: true, memberSince: '2019-01-01', meetsIncomeRequirement: true }),
    'submit-unemployment-declaration': write('Ledighedserklæring', 'Declaration of unemployment', ['losing-a-job/apply-dagpenge'],
      obj({ firstDayUnemployed: DATE, resigned: BOOL, 'employerCvr?': CVR }), { firstDayUnemployed: '2025-03-03', resigned: false, employerCvr: EMPLOYER },
      { caseRef: 'AK-2025-210042', status: 'received', benefitFrom: '2025-03-06', quarantineWeeks: 0 }),
    'submit-monthly-claim': write('Dagpengekort', 'Monthly claim form', ['losing-a-job/monthly-claim', 'new-job/leave-unemployment'],
      obj({ month: MONTH, hoursWorked: AMOUNT, holidayDays: AMOUNT, final: BOOL }), { month: '2025-02', hoursWorked: 0, holidayDays: 0, final: false },
      { claimRef: 'DK-2025-02-118811', amount: 19351, paymentDate: '2025-03-06' }),
  },
  'optagelse-dk': {
    'readiness-assessment': read('Uddannelsesparathed', 'Readiness assessment', ['starting-education/readiness-assessment'],
      SUBJECT_ONLY, {}, { assessment: 'ready', final: true, finalOn: '2025-06-05' }),
    'submit-youth-application': write('Søg ungdomsuddannelse', 'Apply for youth education', ['starting-education/apply-youth-education'],
      obj({ priorities: list(obj({ institutionNumber: REF, programme: STR }), 1, 5) }),
      { priorities: [{ institutionNumber: '101001', programme: 'stx' }] },
      { applicationRef: 'OPT-2025-U-044120', submittedAt: '2025-03-03T10:00:00Z', answerExpectedDate: '2025-05-08' }),
    'submit-higher-application': write('Søg videregående uddannelse', 'Apply for higher education', ['starting-education/apply-higher-education'],
      obj({ quota: oneOf('quota-1', 'quota-2'), priorities: list(obj({ institutionNumber: REF, programme: STR }), 1, 8) }),
      { quota: 'quota-2', priorities: [{ institutionNumber: '280727', programme: 'Datalogi' }] },
      { applicationRef: 'OPT-2025-K-090311', submittedAt: '2025-03-03T10:00:00Z', deadline: '2025-03-15', answerExpectedDate: '2025-07-28' }),
    'application-status': read('Status på ansøgning', 'Application status', ['starting-education/accept-place'],
      obj({ applicationRef: REF }), { applicationRef: 'OPT-2025-K-090311' },
      { applicationRef: 'OPT-2025-K-090311', status: 'offered', institutionNumber: '280727', programme: 'Datalogi', startDate: '2025-09-01' }),
    'accept-place': write('Tag imod studieplads', 'Accept a place', ['starting-education/accept-place'],
      obj({ applicationRef: REF, accept: BOOL }), { applicationRef: 'OPT-2025-K-090311', accept: true },
      { acceptanceRef: 'OPT-2025-A-000881', status: 'accepted', startDate: '2025-09-01' }),
  },
  minsu: {
    'apply-su': write('Søg SU', 'Apply for SU', ['starting-education/apply-su'],
      obj({ institutionNumber: REF, educationStartDate: DATE, livingAtHome: BOOL, 'equalStatusRef?': REF }),
      { institutionNumber: '280727', educationStartDate: '2025-09-01', livingAtHome: false },
      { caseRef: 'SU-2025-440012', status: 'received', rate: 'udeboende', paidFrom: '2025-09-01', expectedDecisionDate: '2025-03-31' }),
    'case-status': caseStatus('SU', ['starting-education/apply-su']),
    'apply-equal-status': write('Søg ligestilling', 'Apply for equal status', ['moving-to-denmark/family-benefits', 'starting-education/apply-su'],
      obj({ basis: oneOf('eu-worker', 'eu-family', 'permanent-residence', 'refugee-permit', 'other') }), { basis: 'eu-worker' },
      { caseRef: 'SU-2025-L-000145', status: 'received', expectedDecisionDate: '2025-04-14' }),
    'opt-out-months': write('Fravælg SU-måneder', 'Opt out of SU months', ['new-job/income-linked-benefits'],
      obj({ months: list(MONTH, 1, 12) }), { months: ['2025-07'] }, { changeRef: 'SU-2025-F-300121', monthsOptedOut: 1 }),
    'stop-su': write('Stop SU', 'Stop SU', ['moving-abroad/benefits-stop'],
      obj({ lastMonth: MONTH, reason: oneOf('moved-abroad', 'left-education', 'other') }), { lastMonth: '2025-03', reason: 'moved-abroad' },
      { changeRef: 'SU-2025-S-000991', lastPaymentMonth: '2025-03' }),
  },
  'digital-pladsanvisning': {
    'signup-daycare': write('Skriv op til dagtilbud', 'Join the daycare waiting list', ['becoming-a-parent/daycare-signup', 'moving/children-services'],
      obj({ child: CHILD, municipalityCode: MUNICIPALITY, careType: oneOf('dagpleje', 'vuggestue', 'boernehave'), desiredStartDate: DATE }),
      { child: A_CHILD, municipalityCode: '0751', careType: 'vuggestue', desiredStartDate: '2025-07-01' },
      { waitingListRef: 'PA-2025-020001', position: 14, guaranteedFrom: '2025-07-01' }),
    'enrol-school': write('Indskriv i skole', 'Enrol in school', ['moving/children-services'],
      obj({ child: CHILD, schoolCode: REF, startDate: DATE }), { child: { birthDate: '2015-06-01' }, schoolCode: '751012', startDate: '2025-04-01' },
      { enrolmentRef: 'SKI-2025-000310', status: 'enrolled', startDate: '2025-04-01' }),
    'cancel-place': write('Opsig plads (dagtilbud/SFO)', 'Cancel a daycare or SFO place', ['moving/children-services'],
      obj({ placeRef: REF, endDate: DATE }), { placeRef: 'PA-2024-013377', endDate: '2025-03-31' },
      { cancellationRef: 'PA-2025-O-000101', endDate: '2025-03-31' }),
  },
  siri: {
    'apply-eu-residence-document': write('Søg registreringsbevis (EU)', 'Apply for an EU residence document', ['moving-to-denmark/right-to-reside'],
      obj({ citizenship: COUNTRY, arrivalDate: DATE, basis: oneOf('worker', 'self-employed', 'student', 'job-seeker', 'family', 'sufficient-resources') }),
      { citizenship: 'PL', arrivalDate: '2025-03-01', basis: 'worker' }, { caseRef: 'EU-2025-778812', status: 'received', appearBy: '2025-03-17', expectedDecisionDate: '2025-03-31' }),
    'case-status': read('Sagsstatus (SIRI)', 'Case status (SIRI)', ['moving-to-denmark/right-to-reside'],
      obj({ caseRef: REF }), { caseRef: 'EU-2025-778812' },
      { caseRef: 'EU-2025-778812', status: 'decided', decision: 'granted', decidedOn: '2025-03-24', administrativeCprAssigned: true }),
    'book-appointment': write('Book tid i ICS', 'Book an International Citizen Service appointment', ['moving-to-denmark/right-to-reside', 'moving-to-denmark/register-cpr'],
      obj({ caseRef: REF, location: oneOf('ics-copenhagen', 'ics-aarhus', 'ics-odense', 'ics-aalborg'), preferredDate: DATE }),
      { caseRef: 'EU-2025-778812', location: 'ics-aarhus', preferredDate: '2025-03-10' },
      { bookingRef: 'ICS-2025-004410', appointmentAt: '2025-03-10T10:30:00Z', location: 'ics-aarhus' }),
  },
  dar: {
    'validate-address': read('Valider adresse', 'Validate an address', ['moving/report-move', 'moving-to-denmark/register-cpr', 'moving-abroad/report-emigration'],
      obj({ addressId: UUID }), { addressId: ADDR },
      { addressId: ADDR, valid: true, status: 'gaeldende', accessAddressId: '0a3f507a-b2e6-32b8-e044-0003ba298018', municipalityCode: '0751', label: 'Rådhuspladsen 2, 1. th, 8000 Aarhus C' }),
    'search-address': read('Søg adresse', 'Search addresses', ['moving/report-move', 'moving-to-denmark/register-cpr'],
      obj({ query: STR, 'limit?': int(1, 50) }), { query: 'Rådhuspladsen 2, 8000' },
      { results: [{ addressId: ADDR, label: 'Rådhuspladsen 2, 1. th, 8000 Aarhus C', municipalityCode: '0751' }] }),
  },
  employer: {
    'notify-pregnancy': write('Giv arbejdsgiver besked om graviditet', 'Tell the employer about the pregnancy', ['becoming-a-parent/notify-employer'],
      obj({ employerCvr: CVR, expectedBirthDate: DATE, parentRole: oneOf('mother', 'father', 'co-mother') }),
      { employerCvr: EMPLOYER, expectedBirthDate: '2025-07-01', parentRole: 'mother' }, { receiptRef: 'HR-2025-000551', receivedAt: '2025-03-03T12:00:00Z' }),
    'submit-leave-plan': write('Send orlovsplan', 'Send the leave plan', ['becoming-a-parent/notify-employer'],
      obj({ employerCvr: CVR, periods: list(obj({ from: DATE, to: DATE }), 1, 10) }),
      { employerCvr: EMPLOYER, periods: [{ from: '2025-07-01', to: '2025-07-14' }] }, { receiptRef: 'HR-2025-000552', receivedAt: '2025-03-03T12:00:00Z' }),
    'leave-report-status': read('Har arbejdsgiver indberettet orlov', 'Has the employer reported the leave', ['becoming-a-parent/employer-leave-report', 'becoming-a-parent/apply-maternity-benefit'],
      obj({ employerCvr: CVR }), { employerCvr: EMPLOYER }, { reported: true, salaryStopDate: '2025-03-01', salaryDuringLeave: false }),
  },
} as const satisfies { [S in AuthoritySystemId]: Record<string, AnyTaskDefinition> };

// --- Typed access -------------------------------------------------------------------------------

type Catalogue = typeof AUTHORITY_TASK_CATALOGUE;
export type TaskName<S extends AuthoritySystemId> = keyof Catalogue[S] & string;
type Def<S extends AuthoritySystemId, T extends TaskName<S>> = Catalogue[S][T];
export type TaskInput<S extends AuthoritySystemId, T extends TaskName<S>> = Def<S, T> extends { input: Schema<infer I> } ? I : never;
export type TaskOutput<S extends AuthoritySystemId, T extends TaskName<S>> = Def<S, T> extends { output: infer O } ? O : never;

export interface AuthorityTask extends TaskDefinition {
  system: AuthoritySystemId;
  task: string;
}

export const AUTHORITY_TASKS: readonly AuthorityTask[] = Object.entries(AUTHORITY_TASK_CATALOGUE).flatMap(([system, tasks]) =>
  Object.entries(tasks as Record<string, TaskDefinition>).map(([task, def]) => ({ system: system as AuthoritySystemId, task, ...def })),
);

const BY_KEY = new Map(AUTHORITY_TASKS.map((t) => [`${t.system}/${t.task}`, t]));

/** The catalogue entry for `system`/`task`, or undefined when either is unknown. */
export function findTask(system: string, task: string): AuthorityTask | undefined {
  return BY_KEY.get(`${system}/${task}`);
}
