/**
 * Moving running retiring journeys to the pension-age table that includes 70 for people born after
 * 31 December 1970: version 1 stopped at 69, so their pension age, application window and the
 * dates that follow came out a year early.
 */
import type { JourneyCommand, SnapshotMigration } from '../shared/contract';
import { pensionAge } from '../shared/cpr';
import { cancelReminders, deadlinePassedTimer, integrationTask, isClosed, reminderTimers, watchdogTimer } from '../shared/kit';
import { atpWatchdogDate, disabilitySwitchWatchdogDate, housingRecalcWatchdogDate, pensionDates } from './retiring.rules';
import type { RetiringContext } from './retiring.setup';

const contextOf = (snapshot: Record<string, unknown>) => (snapshot as unknown as { context: RetiringContext }).context;

export const retiringV1toV2: SnapshotMigration = {
  from: 1,
  to: 2,
  description: 'Pension age 70 for people born after 31 December 1970: the pension age and every date computed from it are recomputed.',
  migrate(snapshot) {
    const context = contextOf(snapshot);
    // Without a birth date the register feed's own pension-age date was used; it stands.
    if (context.facts.birthDate === undefined) return snapshot;
    const corrected = pensionAge(context.facts.birthDate).date;
    if (corrected === context.anchorDate) return snapshot;
    if (context.appliedOn !== undefined) {
      throw new Error('the state pension was applied for under the earlier pension age: a caseworker must look at the application');
    }
    const dates = pensionDates(corrected);
    context.anchorDate = corrected;
    context.dates = dates;
    const apply = context.steps['apply-folkepension'];
    if (apply && !isClosed(apply.status) && apply.deadline !== undefined) {
      context.steps['apply-folkepension'] = { ...apply, availableFrom: dates.applyFrom, deadline: dates.applyBy };
    }
    return snapshot;
  },
  commands(snapshot, now) {
    const context = contextOf(snapshot);
    const { dates, facts, steps, reminderDays } = context;
    const commands: JourneyCommand[] = [];
    const apply = steps['apply-folkepension'];
    if (apply && !isClosed(apply.status)) {
      if (facts.disabilityPensioner) commands.push(watchdogTimer('apply-folkepension', disabilitySwitchWatchdogDate(dates)));
      else if (apply.deadline !== undefined) {
        const from = Date.parse(now) > Date.parse(context.startedAt) ? now : context.startedAt;
        commands.push(
          ...cancelReminders('apply-folkepension', reminderDays),
          ...reminderTimers('apply-folkepension', apply.deadline, reminderDays, from),
          deadlinePassedTimer('apply-folkepension', apply.deadline),
        );
      }
    }
    const atp = steps['atp-payout'];
    if (!facts.livesAbroad && atp && !isClosed(atp.status)) commands.push(watchdogTimer('atp-payout', atpWatchdogDate(dates)));
    const housing = steps['housing-benefit-recalc'];
    if (facts.receivesHousingBenefit && housing && !isClosed(housing.status)) {
      commands.push(watchdogTimer('housing-benefit-recalc', housingRecalcWatchdogDate(dates)));
    }
    return commands;
  },
};

/**
 * Version 3: the pension overview is read from PensionsInfo with the citizen's consent, or typed in by
 * them. The states are the same; a journey whose private-pensions step is still open asks for it.
 */
export const retiringV2toV3: SnapshotMigration = {
  from: 2,
  to: 3,
  description: 'The pension overview is read from PensionsInfo with consent or typed in by the citizen.',
  migrate: (snapshot) => snapshot,
  commands(snapshot) {
    const { steps } = contextOf(snapshot);
    const open = steps['private-pensions'] && !isClosed(steps['private-pensions'].status);
    return open ? [integrationTask('private-pensions', 'pensionsinfo', 'pension-overview', {})] : [];
  },
};
