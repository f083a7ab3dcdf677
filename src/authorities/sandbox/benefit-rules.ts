import { createHash } from 'node:crypto';
import { ageOn, parseCpr } from '../../../journeys/shared/cpr';
import type { RuleContext } from './rule-context';

/**
 * Who the sandbox's paying systems pay: the same answer for the same citizen every time. Pensions
 * go to those 67 and over, SU to those 18 to 29; child benefit, housing benefit and unemployment
 * benefit to about half of the others, chosen by a hash of the CPR number and the system.
 */
const ELIGIBLE: Record<string, (age: number, coin: boolean) => boolean> = {
  'udbetaling-danmark': (age, coin) => age >= 20 && age < 67 && coin,
  'udbetaling-danmark-housing': (_age, coin) => coin,
  'udbetaling-danmark-pension': (age) => age >= 67,
  atp: (age) => age >= 67,
  minsu: (age) => age >= 18 && age < 30,
  'a-kasse': (age, coin) => age >= 18 && age < 67 && coin,
};

/** Keeps or empties the example benefit list of `system`/list-benefits for the subject. */
export function listBenefitsRule(system: string): (ctx: RuleContext) => void {
  return ({ subject, output, today }) => {
    const parsed = parseCpr(subject?.cpr);
    const coin = !!subject && createHash('sha256').update(`${system}:${subject.cpr}`).digest()[0] % 2 === 0;
    const paid = parsed.ok && ELIGIBLE[system]?.(ageOn(parsed.birthDate, today), coin);
    if (!paid) output.benefits = [];
  };
}

export const BENEFIT_RULES = Object.fromEntries(
  Object.keys(ELIGIBLE).map((system) => [`${system}/list-benefits`, listBenefitsRule(system)]),
);
