/** The digital-citizen machine's context, actions and guards, shared by the machine and its regions. */
import { assign, setup } from 'xstate';
import { journeyActions, journeyGuards } from '../shared/actions';
import type { IsoDate } from '../shared/calendar';
import type { JourneyContextBase } from '../shared/contract';
import { deadlineReminders, emitCommands, integrationTask, journeyTypes, notifyCitizen, watchdogTimer } from '../shared/kit';
import type { DigitalCitizenEvent } from './digital-citizen.events';
import { BOOK_APPOINTMENT_TASK, watchdogDates } from './digital-citizen.rules';
import type { DigitalCitizenAnswers, DigitalCitizenFacts } from './digital-citizen.start';
import type { DigitalCitizenStepId } from './digital-citizen.steps';

export interface DigitalCitizenContext extends JourneyContextBase {
  answers: DigitalCitizenAnswers;
  facts: DigitalCitizenFacts;
  /** The 15th birthday. */
  anchorDate: IsoDate;
  /** The day asked for at Borgerservice, once the young person wants an appointment for MitID. */
  mitidAppointmentDate?: IsoDate;
}

export const NOTICE: DigitalCitizenStepId = 'dp-parent-notice';
export const MAILBOX: DigitalCitizenStepId = 'dp-mailbox-created';
export const FRIKORT: DigitalCitizenStepId = 'frikort-created';
export const MITID: DigitalCitizenStepId = 'get-mitid';
export const FIRST_LOGIN: DigitalCitizenStepId = 'dp-first-login';
export const UNGEYDELSE: DigitalCitizenStepId = 'ungeydelse-switch';
export const GP: DigitalCitizenStepId = 'own-gp-choice';

export const digitalCitizenSetup = setup({
  types: journeyTypes<DigitalCitizenContext, DigitalCitizenEvent>(),
  guards: journeyGuards,
  actions: {
    ...journeyActions<DigitalCitizenContext, DigitalCitizenEvent, DigitalCitizenStepId>(),
    scheduleStartTimers: emitCommands((context: DigitalCitizenContext) => [
      ...deadlineReminders(context),
      ...Object.entries(watchdogDates(context.facts)).map(([step, date]) => watchdogTimer(step, date)),
    ]),
    rememberAppointmentDate: assign((_, params: { date: IsoDate }) => ({ mitidAppointmentDate: params.date })),
    requestAppointment: emitCommands((context: DigitalCitizenContext) => [
      integrationTask(MITID, 'municipality', BOOK_APPOINTMENT_TASK, {
        purpose: 'mitid',
        municipalityCode: context.facts.municipalityCode,
        // Set by `mitid.appointment-requested` before this state is entered.
        preferredDate: context.mitidAppointmentDate ?? context.anchorDate,
      }),
    ]),
    notifyAppointmentBooked: emitCommands(() => [notifyCitizen('appointment-booked', MITID)]),
  },
});
