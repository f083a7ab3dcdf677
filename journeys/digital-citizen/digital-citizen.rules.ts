/**
 * The digital-citizen journey's rules as data, and the pure functions that turn the register facts
 * into the 15th birthday (the anchor), step windows, deadlines and watchdog dates.
 */
import {
  addDays,
  addWorkingDays,
  firstOfNextMonth,
  lastDayOfMonth,
  legalDeadline,
  type DeadlineRoll,
  type IsoDate,
} from '../shared/calendar';
import type { RuleSource, StepState } from '../shared/contract';
import { anniversary } from '../shared/cpr';
import { initialSteps } from '../shared/kit';
import type { DigitalCitizenFacts } from './digital-citizen.start';
import { DIGITAL_CITIZEN_STEP_IDS, type DigitalCitizenStepId } from './digital-citizen.steps';

export const DIGITAL_CITIZEN_RULES = {
  /** The age at which the young person gets their own Digital Post (lov om Digital Post). */
  ageInYears: 15,
  parentNotice: {
    /** docs/journeys.md: about three weeks before the birthday. */
    daysBeforeBirthday: 21,
    /** Practice, not law (uncertain): how long after the expected day we wait before flagging `late`. */
    confirmationWorkingDays: 5,
    /** Paper letters to exempt parents go through PostNord (uncertain): extra working days before `late`. */
    paperExtraWorkingDays: 5,
  },
  /** The mailbox is created on the birthday; practice (uncertain): flag `late` after this many working days. */
  mailboxConfirmationWorkingDays: 2,
  /**
   * docs/journeys.md: the frikort is created "in the year they turn 15"; the exact day is not published
   * (uncertain), so we expect it by the birthday and flag `late` this many working days after it.
   */
  frikortConfirmationWorkingDays: 10,
  getMitid: {
    /** Practice, not law: MitID before the birthday lets the young person read the mailbox from day one. */
    daysBeforeBirthday: 0,
    roll: 'as-written' as DeadlineRoll,
  },
  /**
   * Ungeydelse is paid monthly from the month after the birthday (børne- og ungeydelsesloven § 5).
   * The payment day is not in docs/journeys.md (uncertain): flag `late` this many working days after the
   * end of that first month.
   */
  ungeydelsePaymentWorkingDays: 5,
  ownGpChoice: {
    /** Uncertain (only one municipality's page says so): a free change within 60 days of the birthday. */
    freeDaysAfterBirthday: 60,
    /** Municipal self-service is open every day and the source is silent on closed days. */
    roll: 'as-written' as DeadlineRoll,
  },
} as const;

export const BOOK_APPOINTMENT_TASK = 'book-appointment';

/** The 15th birthday (someone born on 29 February turns 15 on 1 March, see `anniversary`). */
export function fifteenthBirthday(birthDate: IsoDate): IsoDate {
  return anniversary(birthDate, DIGITAL_CITIZEN_RULES.ageInYears * 12);
}

export function parentNoticeDate(birthday: IsoDate): IsoDate {
  return addDays(birthday, -DIGITAL_CITIZEN_RULES.parentNotice.daysBeforeBirthday);
}

export interface DigitalCitizenBranches {
  parentNotice: boolean;
  paperNotice: boolean;
  enterExpectedIncome: boolean;
  getMitid: boolean;
}

/** Every branch follows from a register fact. */
export function decideBranches(facts: DigitalCitizenFacts): DigitalCitizenBranches {
  return {
    parentNotice: facts.hasParents,
    paperNotice: facts.hasParents && !facts.parentsHaveDigitalPost,
    enterExpectedIncome: facts.working,
    getMitid: !facts.hasMitid,
  };
}

/** The days on which a missing register confirmation makes the step `late`. */
export function watchdogDates(facts: DigitalCitizenFacts): Partial<Record<DigitalCitizenStepId, IsoDate>> {
  const birthday = fifteenthBirthday(facts.birthDate);
  const branches = decideBranches(facts);
  const { confirmationWorkingDays, paperExtraWorkingDays } = DIGITAL_CITIZEN_RULES.parentNotice;
  const dates: Partial<Record<DigitalCitizenStepId, IsoDate>> = {
    'dp-mailbox-created': addWorkingDays(birthday, DIGITAL_CITIZEN_RULES.mailboxConfirmationWorkingDays),
    'frikort-created': addWorkingDays(birthday, DIGITAL_CITIZEN_RULES.frikortConfirmationWorkingDays),
    'ungeydelse-switch': addWorkingDays(lastDayOfMonth(firstOfNextMonth(birthday)), DIGITAL_CITIZEN_RULES.ungeydelsePaymentWorkingDays),
  };
  if (branches.parentNotice) {
    dates['dp-parent-notice'] = addWorkingDays(
      parentNoticeDate(birthday),
      confirmationWorkingDays + (branches.paperNotice ? paperExtraWorkingDays : 0),
    );
  }
  return dates;
}

export function ownGpChoiceDeadline(birthday: IsoDate): IsoDate {
  const { freeDaysAfterBirthday, roll } = DIGITAL_CITIZEN_RULES.ownGpChoice;
  return legalDeadline(addDays(birthday, freeDaysAfterBirthday), roll);
}

export function initialDigitalCitizenSteps(facts: DigitalCitizenFacts): Record<DigitalCitizenStepId, StepState> {
  const birthday = fifteenthBirthday(facts.birthDate);
  const branches = decideBranches(facts);
  return initialSteps(DIGITAL_CITIZEN_STEP_IDS, {
    'dp-parent-notice': branches.parentNotice
      ? { status: 'active', availableFrom: parentNoticeDate(birthday) }
      : { status: 'skipped', reason: 'no-parent-in-cpr' },
    'dp-mailbox-created': { status: 'active', availableFrom: birthday },
    'frikort-created': { status: 'active', availableFrom: `${birthday.slice(0, 4)}-01-01` },
    'get-mitid': branches.getMitid
      ? {
          status: 'active',
          deadline: legalDeadline(
            addDays(birthday, -DIGITAL_CITIZEN_RULES.getMitid.daysBeforeBirthday),
            DIGITAL_CITIZEN_RULES.getMitid.roll,
          ),
        }
      : { status: 'skipped', reason: 'already-has-mitid' },
    'dp-first-login': {},
    'ungeydelse-switch': { status: 'active', availableFrom: firstOfNextMonth(birthday) },
    'own-gp-choice': { status: 'active', availableFrom: birthday, deadline: ownGpChoiceDeadline(birthday) },
  });
}

/** The rules a citizen acts on in this journey, with their sources (docs/journeys.md). */
export const DIGITAL_CITIZEN_RULE_SOURCES: Record<string, RuleSource> = {
  ownMailbox: {
    rule: 'The young person gets their own Digital Post at 15; parents are told about 3 weeks before.',
    source: { title: 'Lov om Digital Post fra offentlige afsendere; Randers Kommune: Digital Post for dig på 15 år' },
    checked: 'unverified',
  },
  ungeydelse: {
    rule: 'Child benefit becomes monthly ungeydelse from the month after the 15th birthday.',
    source: { title: 'Børne- og ungeydelsesloven § 5', url: 'https://danskelove.dk/b%C3%B8rne-og-ungeydelsesloven/5' },
    checked: 'unverified',
  },
  freeGpChoice: {
    rule: 'A free change of GP within 60 days of the 15th birthday (one municipality’s page).',
    source: { title: 'Odense Kommune: Sundhedskort' },
    checked: 'unverified',
  },
};
