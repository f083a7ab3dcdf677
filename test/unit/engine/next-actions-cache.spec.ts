import { allDefinitions } from '../../../journeys';
import type { JourneyRow } from '../../../src/engine/persistence/journey.repository';
import { journeyView, type NextActionView } from '../../../src/engine/queries/journey-view';
import { NextActionsCache } from '../../../src/engine/queries/next-actions-cache';
import * as runtime from '../../../src/engine/runtime/journey-runtime';

/**
 * The next actions a view offers are kept per journey version, viewer and day: whatever a journey
 * row can change to, a view never offers the actions of another version, viewer or day.
 */
describe(NextActionsCache.name, () => {
  const moving = allDefinitions()
    .filter((d) => d.id === 'moving')
    .sort((a, b) => b.version - a.version)[0];
  const movingDate = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  const started = runtime.start(moving, {
    answers: { ...moving.startExamples[0], movingDate },
    facts: {},
    startedAt: new Date().toISOString(),
    reminderDays: [7, 2],
  });
  const row: JourneyRow = {
    id: '7d4b8a55-0c3e-4a7e-9f39-2f3c9b1f6a10',
    citizen_id: 'c1',
    parent_journey_id: null,
    linked_step: null,
    type: 'moving',
    definition_version: moving.version,
    status: 'active',
    state: started.state,
    snapshot: started.snapshot,
    version: 1,
    broken_reason: null,
    next_deadline: null,
    has_failed_step: false,
    systems: ['cpr'],
    created_at: new Date(),
    updated_at: new Date(),
    completed_at: null,
    started_by: null,
  };
  const kept: NextActionView[] = [{ event: 'kept', title: { da: 'x', en: 'x' }, schema: {}, example: {} }];

  it('answers a view of the same version, viewer and day with the actions kept for it', () => {
    const cache = new NextActionsCache();
    cache.set(row, 'citizen', '2026-12-07', kept);
    expect(cache.get({ ...row }, 'citizen', '2026-12-07')).toBe(kept);
  });

  it.each([
    ['a later version', { ...row, version: 2 }, 'citizen', '2026-12-07'],
    ['another journey', { ...row, id: 'another' }, 'citizen', '2026-12-07'],
    ['another definition version', { ...row, definition_version: row.definition_version + 1 }, 'citizen', '2026-12-07'],
    ['a journey marked broken', { ...row, status: 'broken' as const }, 'citizen', '2026-12-07'],
    ['a caseworker', row, { kind: 'caseworker' as const, authority: 'cpr' }, '2026-12-07'],
    ['the next day', row, 'citizen', '2026-12-08'],
  ])('keeps nothing for %s', (_name, other, viewAs, day) => {
    const cache = new NextActionsCache();
    cache.set(row, 'citizen', '2026-12-07', kept);
    expect(cache.get(other, viewAs, day)).toBeUndefined();
  });

  it('keeps the actions of one authority’s caseworkers from another’s', () => {
    const cache = new NextActionsCache();
    cache.set(row, { kind: 'caseworker', authority: 'cpr' }, '2026-12-07', kept);
    expect(cache.get(row, { kind: 'caseworker', authority: 'skat' }, '2026-12-07')).toBeUndefined();
  });

  it('builds a view with known actions without the machine, and the same view as the machine would', () => {
    const computed = journeyView(moving, row, 'citizen', { day: movingDate });
    expect(computed.nextActions.map((a) => a.event)).toContain('move.reported');
    // A snapshot the machine cannot read would leave no actions: known ones are used as they are.
    const unreadable = { ...row, snapshot: { ...row.snapshot, value: 'no-such-state' } };
    expect(journeyView(moving, unreadable, 'citizen', { day: movingDate }).nextActions).toEqual([]);
    expect(journeyView(moving, unreadable, 'citizen', { day: movingDate, knownActions: computed.nextActions })).toEqual(computed);
  });
});
