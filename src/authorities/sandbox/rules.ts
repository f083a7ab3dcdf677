import { addDays, firstOfNextMonth, maxIsoDate } from '../../../journeys/shared/calendar';
import { searchAddresses } from './addresses';
import { parseCpr, pensionAge } from '../../../journeys/shared/cpr';
import { burialDeadline } from '../../../journeys/losing-a-relative/losing-a-relative.rules';
import { BENEFIT_RULES } from './benefit-rules';
import { sandboxName } from './persons';
import type { RuleContext, Subject } from './rule-context';

/** An authority's "no": answered with `status` and `{ code, message }`, never retried by the adapter. */
export class Rejection extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type { RuleContext, Subject } from './rule-context';

type Rule = (ctx: RuleContext) => void;

const NORDIC = new Set(['SE', 'NO', 'FI', 'IS']);
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const firstOfMonth = (iso: string) => `${iso.slice(0, 8)}01`;

function firstOfNextQuarter(iso: string): string {
  const month = Number(iso.slice(5, 7));
  const next = Math.floor((month - 1) / 3) * 3 + 4;
  const year = Number(iso.slice(0, 4)) + (next > 12 ? 1 : 0);
  return `${year}-${String(next > 12 ? 1 : next).padStart(2, '0')}-01`;
}

function notAfter(date: string, limit: string, code: string, what: string): void {
  if (date > limit) throw new Rejection(422, code, `${what} is too far ahead`);
}

/**
 * The little domain logic the sandbox knows, so journeys can exercise their branches against it:
 * deadlines that are not retroactive, decisions that depend on the input, and a few refusals.
 */
const RULES: Record<string, Rule> = {
  'cpr/lookup-person': ({ subject, output }) => {
    const parsed = parseCpr(subject?.cpr);
    if (parsed.ok) output.birthDate = parsed.birthDate;
  },
  'cpr/lookup-name': ({ subject, output }) => {
    const parsed = parseCpr(subject?.cpr);
    if (!subject || !parsed.ok) throw new Rejection(404, 'PERSON_NOT_FOUND', 'no person for the subject');
    Object.assign(output, { name: sandboxName(subject.cpr), birthDate: parsed.birthDate });
  },
  'cpr/register-move': ({ input, output, today }) => {
    notAfter(str(input.moveDate), addDays(today, 28), 'MOVE_DATE_TOO_EARLY', 'moveDate');
    if (input.coName) output.status = 'awaiting-host-declaration';
  },
  'cpr/register-emigration': ({ input, output, today }) => {
    if (input.country === 'DK') throw new Rejection(422, 'INVALID_COUNTRY', 'country must be outside Denmark');
    notAfter(str(input.departureDate), addDays(today, 28), 'DEPARTURE_DATE_TOO_EARLY', 'departureDate');
    if (NORDIC.has(str(input.country))) output.status = 'awaiting-foreign-confirmation';
  },
  'cpr/register-immigration': ({ input, output }) => {
    output.residenceCardOrdered = input.residenceBasis === 'permit';
  },
  'dar/search-address': ({ input, output }) => {
    output.results = searchAddresses(str(input.query), typeof input.limit === 'number' ? input.limit : 10);
  },
  'dar/validate-address': ({ input, output }) => {
    if (str(input.addressId).startsWith('00000000')) Object.assign(output, { valid: false, status: 'nedlagt' });
  },
  'minsu/apply-su': ({ input, output, today }) => {
    output.rate = input.livingAtHome ? 'hjemmeboende' : 'udeboende';
    // SU is paid from the month of the application at the earliest.
    output.paidFrom = maxIsoDate(firstOfMonth(today), firstOfMonth(str(input.educationStartDate)));
  },
  'udbetaling-danmark-housing/apply-housing-benefit': ({ input, output, today }) => {
    const moveIn = str(input.moveInDate);
    output.paidFrom = today <= addDays(moveIn, 30) ? moveIn : firstOfNextMonth(today);
  },
  'udbetaling-danmark/apply-single-parent-allowance': ({ output, today }) => {
    output.paidFrom = firstOfNextQuarter(today); // not retroactive: from the quarter after applying
  },
  'udbetaling-danmark-pension/apply-folkepension': ({ input, subject, output }) => {
    const parsed = parseCpr(subject?.cpr);
    if (!parsed.ok) return;
    const age = pensionAge(parsed.birthDate);
    if (str(input.startDate) < firstOfNextMonth(age.date)) {
      throw new Rejection(422, 'BELOW_PENSION_AGE', 'startDate is before the pension age');
    }
    if (input.deferred) output.status = 'deferred';
  },
  'a-kasse/submit-unemployment-declaration': ({ input, output }) => {
    const resigned = input.resigned === true;
    output.quarantineWeeks = resigned ? 3 : 0;
    output.benefitFrom = addDays(str(input.firstDayUnemployed), resigned ? 21 : 3);
  },
  'familieretshuset/apply-divorce': ({ input, output }) => {
    output.track = input.agreedOnTerms ? 'paragraph-5' : 'paragraph-6';
  },
  'parish-registrar/register-birth': ({ input, output }) => {
    output.fatherRegistered = input.motherMarried === true;
  },
  'parish-registrar/request-burial': ({ input, output }) => {
    output.burialDeadline = burialDeadline(str(input.dateOfDeath));
  },
  'optagelse-dk/submit-higher-application': ({ input, output, today }) => {
    output.deadline = `${today.slice(0, 4)}-${input.quota === 'quota-2' ? '03-15' : '07-05'}`;
  },
  ...BENEFIT_RULES,
};

/** Someone the sandbox has never heard of: a subject whose CPR number has serial 0000. */
function checkSubject(subject: Subject | undefined): void {
  if (subject && /0000$/.test(subject.cpr)) throw new Rejection(404, 'PERSON_NOT_FOUND', 'no person for the subject');
}

export function applyRules(system: string, task: string, ctx: RuleContext): void {
  checkSubject(ctx.subject);
  RULES[`${system}/${task}`]?.(ctx);
}
