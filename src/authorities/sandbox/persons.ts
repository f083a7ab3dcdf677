/**
 * The names the sandbox's CPR register gives: the test personas of the development sign-in by name,
 * anyone else a name made from the digits of their CPR number (the same number, the same name). A
 * number with serial 0000 is nobody (the sandbox's "not found", see `rules.ts`).
 */
export const PERSONA_NAMES: Readonly<Record<string, string>> = {
  '0101901234': 'Anna Jensen',
  '0202802345': 'Bo Nielsen',
  '1512954321': 'Clara Hansen',
};

const FIRST = ['Mads', 'Freja', 'Søren', 'Ida', 'Lars', 'Karen', 'Mikkel', 'Emma', 'Henrik', 'Sofie'];
const LAST = ['Andersen', 'Pedersen', 'Christensen', 'Larsen', 'Sørensen', 'Rasmussen', 'Jørgensen', 'Madsen', 'Kristensen', 'Olsen'];

/** The name the sandbox's register holds for a CPR number (ten digits, a dash allowed). */
export function sandboxName(cpr: string): string {
  const digits = cpr.replace('-', '');
  const known = PERSONA_NAMES[digits];
  if (known) return known;
  const n = [...digits].reduce((sum, d, i) => sum + Number(d) * (i + 1), 0);
  return `${FIRST[n % FIRST.length]} ${LAST[Math.floor(n / FIRST.length) % LAST.length]}`;
}
