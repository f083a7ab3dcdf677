/**
 * Familieretshuset's fees as data (docs/journeys.md section 5). The amounts are the 2024 level and are
 * indexed every year (uncertain for later years): update this table, not the machine. Kept in its own
 * file so that both the step texts and the rules can read it without importing each other.
 */
export const DIVORCE_FEES = {
  /** The year the amounts belong to. */
  year: 2024,
  /** Paid when applying for separation or divorce. */
  application: 825,
  /** Paid for a negotiation meeting about the terms (vilkårsforhandling). */
  termsNegotiation: 2150,
} as const;

/** Thousands grouped without the host's locale data, so texts are the same everywhere. */
const grouped = (amount: number, separator: string) => String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, separator);

/** "2.150 kr." / "DKK 2,150" for step texts. */
export const feeText = (amount: number) => ({ da: `${grouped(amount, '.')} kr.`, en: `DKK ${grouped(amount, ',')}` });
