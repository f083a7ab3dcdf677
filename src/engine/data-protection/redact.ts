/** What replaces a personal value: the key stays, so the record keeps its shape and says what was there. */
export const REDACTED = Object.freeze({ redacted: true });

/**
 * Replaces every value with `{ redacted: true }`, keeping object keys and array lengths: a reader of
 * the history or the export still sees which fields an event had, none of their values.
 */
export function redactDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactDeep);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v)]));
  return value === null || value === undefined ? value : { ...REDACTED };
}

/** Context fields that carry no personal data and that views read: step statuses and the engine's own settings. */
const KEPT_CONTEXT = new Set(['steps', 'startedAt', 'reminderDays']);

/**
 * A finished journey's snapshot without personal data: the machine's state and step statuses stay
 * (views and the diagram still work); answers, facts and everything else the machine kept are redacted.
 */
export function redactSnapshot(snapshot: Record<string, unknown>): Record<string, unknown> {
  const context = (snapshot.context ?? {}) as Record<string, unknown>;
  const redacted = Object.fromEntries(Object.entries(context).map(([k, v]) => [k, KEPT_CONTEXT.has(k) ? v : redactDeep(v)]));
  return { ...snapshot, context: redacted, ...('output' in snapshot ? { output: redactDeep(snapshot.output) } : {}) };
}
