/** The citizen a task concerns, from the request body's `subject` (never from the input). */
export interface Subject {
  cpr: string;
}

/** What a sandbox rule sees of a request, and the output it fills in. */
export interface RuleContext {
  input: Record<string, unknown>;
  /** Never log, store or echo it: rules may only derive facts from it (a birth date, "not found"). */
  subject?: Subject;
  output: Record<string, unknown>;
  today: string;
}
