/** The employer's leave report and the parental leave and benefit. */
import { isAfterDeadline } from '../../shared/calendar';
import { stepIs } from '../../shared/kit';
import { overdue, preliminaryTaxChecked } from '../../shared/patterns';
import { parentSetup } from '../becoming-a-parent.setup';

export const employerRegion = parentSetup.createStateConfig({
  initial: 'pregnancyNotice',
  states: {
    pregnancyNotice: {
      always: [
        { guard: stepIs('notify-employer', 'skipped'), target: 'notEmployed' },
        // Started after the birth: the pregnancy notice lies in the past, the leave plan is due.
        { guard: ({ context }) => context.situation.childBirthDate !== undefined, target: 'leavePlan' },
      ],
      on: {
        'employer.notified': [
          { guard: 'birthKnown', target: 'leavePlan' },
          // Before the birth the next deadline (the leave plan) is not known yet.
          { target: 'leavePlan', actions: ['clearEmployerDeadline', { type: 'cancelStepReminders', params: { step: 'notify-employer' } }] },
        ],
        // A leave plan tells the employer about the leave as well.
        'leave-plan.sent': {
          target: 'told',
          actions: {
            type: 'setStep',
            params: ({ context, event }) => ({
              step: 'notify-employer',
              status: 'done',
              reason: isAfterDeadline(event.sentOn, context.steps['notify-employer'].deadline) ? 'told-after-deadline' : undefined,
            }),
          },
        },
      },
    },
    leavePlan: {
      on: {
        'leave-plan.sent': {
          target: 'told',
          actions: {
            type: 'setStep',
            params: ({ context, event }) => ({
              step: 'notify-employer',
              status: 'done',
              reason: isAfterDeadline(event.sentOn, context.steps['notify-employer'].deadline) ? 'sent-after-deadline' : undefined,
            }),
          },
        },
      },
    },
    told: { type: 'final' },
    notEmployed: { type: 'final' },
  },
});

export const leaveRegion = parentSetup.createStateConfig({
  initial: 'awaitingEmployerReport',
  states: {
    awaitingEmployerReport: {
      entry: 'awaitEmployer',
      always: [
        {
          guard: ({ context }) =>
            context.steps['employer-leave-report'].status === 'skipped' && context.steps['apply-maternity-benefit'].status === 'active',
          target: 'benefitApplication',
        },
        { guard: stepIs('employer-leave-report', 'skipped'), target: 'awaitingBirth' },
      ],
      on: {
        'employer.leave-reported': [
          {
            // Paid leave: the employer claims the benefit as reimbursement; the parent neither
            // applies nor has benefit to put into the tax assessment.
            guard: ({ event }) => event.salaryDuringLeave,
            target: 'employerPays',
            actions: [
              { type: 'setStep', params: { step: 'employer-leave-report', status: 'done' } },
              { type: 'cancelWatchdog', params: { step: 'employer-leave-report' } },
              { type: 'setStep', params: { step: 'apply-maternity-benefit', status: 'skipped', reason: 'salary-during-leave' } },
              { type: 'setStep', params: { step: 'update-preliminary-tax', status: 'skipped', reason: 'salary-continues' } },
            ],
          },
          {
            // The salary stops when the leave starts: Udbetaling Danmark writes, the 8 weeks run.
            target: 'benefitApplication',
            actions: [
              { type: 'setStep', params: { step: 'employer-leave-report', status: 'done' } },
              { type: 'cancelWatchdog', params: { step: 'employer-leave-report' } },
              { type: 'openMaternityBenefit', params: ({ event }) => ({ salaryStopDate: event.leaveStartDate }) },
              { type: 'remindMaternityBenefit', params: ({ event }) => ({ salaryStopDate: event.leaveStartDate }) },
            ],
          },
        ],
        'timer.fired': overdue('employer-leave-report', 'report-overdue'),
      },
    },
    // No employer: the application opens with the birth, counted from the first day of leave.
    awaitingBirth: {
      always: { guard: stepIs('apply-maternity-benefit', 'active'), target: 'benefitApplication' },
    },
    benefitApplication: {
      on: {
        'maternity-benefit.applied': {
          target: 'taxUpdate',
          actions: [
            {
              type: 'setStep',
              params: ({ context, event }) => ({
                step: 'apply-maternity-benefit',
                status: 'done',
                // Late applications are paid only from the day they are received.
                reason: isAfterDeadline(event.appliedOn, context.steps['apply-maternity-benefit'].deadline)
                  ? 'applied-after-deadline'
                  : undefined,
              }),
            },
            { type: 'setStep', params: { step: 'update-preliminary-tax', status: 'active' } },
          ],
        },
        'maternity-benefit.not-entitled': {
          target: 'notEntitled',
          actions: [
            { type: 'setStep', params: { step: 'apply-maternity-benefit', status: 'skipped', reason: 'not-entitled' } },
            { type: 'setStep', params: { step: 'update-preliminary-tax', status: 'skipped', reason: 'no-benefit' } },
          ],
        },
      },
    },
    taxUpdate: {
      on: {
        'preliminary-tax.checked': preliminaryTaxChecked('taxUpdated', 'taxUnchanged'),
      },
    },
    taxUpdated: { type: 'final' },
    taxUnchanged: { type: 'final' },
    notEntitled: { type: 'final' },
    employerPays: { type: 'final' },
  },
});
