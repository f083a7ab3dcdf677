/**
 * The numbered parameters of a statement assembled from parts. A write leaves out the parts it has
 * nothing for (no timers, no tasks): PostgreSQL still opens the tables and indexes of every part a
 * statement names, and rejects a parameter no part uses, so each part takes its numbers as it is added.
 */
export class StatementParams {
  readonly values: unknown[] = [];

  /** Adds `values` and returns the number of the first (`$n`). */
  add(...values: unknown[]): number {
    const first = this.values.length + 1;
    this.values.push(...values);
    return first;
  }
}
