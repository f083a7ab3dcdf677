/**
 * Events the retiring journey accepts from outside the engine: the citizen's applications and
 * choices, and Udbetaling Danmark's decisions as `system` events (sent by its solution through a
 * task token). ATP's payout status comes back as an integration result.
 */
import type { IsoDate } from '../shared/calendar';
import type { EventSpec } from '../shared/contract';
import type { RetiringStepId } from './retiring.steps';
import { schema } from '../shared/kit';

export type RetiringEvent =
  | { type: 'folkepension.applied'; appliedOn: IsoDate }
  | { type: 'folkepension.deferred'; decidedOn: IsoDate }
  | { type: 'folkepension.decided'; decidedOn: IsoDate; granted: boolean }
  | { type: 'folkepension.switch-confirmed'; confirmedOn: IsoDate }
  | { type: 'atp.payout-started'; requestedOn: IsoDate }
  | { type: 'atp.payout-deferred'; decidedOn: IsoDate }
  | { type: 'private-pensions.checked'; checkedOn: IsoDate }
  | { type: 'private-pensions.entered'; schemes: number }
  | { type: 'housing-benefit.recalculated'; recalculatedOn: IsoDate }
  | { type: 'holiday-pay.requested'; requestedOn: IsoDate }
  | { type: 'holiday-pay.not-relevant' };

export const retiringEvents: Record<Exclude<RetiringEvent['type'], 'private-pensions.entered'>, EventSpec<RetiringStepId>> = {
  'folkepension.applied': {
    title: { da: 'Folkepension søgt', en: 'State pension applied for' },
    actors: ['citizen', 'system'],
    steps: ['apply-folkepension'],
    confirm: { da: 'Jeg har søgt folkepension', en: 'I have applied for the state pension' },
    schema: schema.object({
      appliedOn: schema.date({ da: 'Dagen, ansøgningen nåede Udbetaling Danmark', en: 'Day the application reached Udbetaling Danmark' }),
    }),
    // In time, in the back-pay window, and after it (for the examples' pension ages).
    examples: [{ appliedOn: '2025-06-02' }, { appliedOn: '2025-12-01' }, { appliedOn: '2026-06-01' }],
  },
  'folkepension.deferred': {
    title: { da: 'Folkepension udskudt (opsat pension)', en: 'State pension deferred' },
    actors: ['citizen'],
    steps: ['apply-folkepension'],
    confirm: { da: 'Jeg har udskudt min folkepension', en: 'I have deferred my state pension' },
    schema: schema.object({
      decidedOn: schema.date({
        da: 'Dagen, udskydelsen blev registreret hos Udbetaling Danmark',
        en: 'Day the deferral was registered with Udbetaling Danmark',
      }),
    }),
    examples: [{ decidedOn: '2025-07-01' }],
  },
  'folkepension.decided': {
    title: { da: 'Afgørelse om folkepension', en: 'State pension decision' },
    actors: ['system', 'caseworker'],
    steps: ['apply-folkepension'],
    schema: schema.object({
      decidedOn: schema.date({ da: 'Dato for afgørelsen', en: 'Day of the decision' }),
      granted: schema.yesNo({
        da: 'Pensionen blev tilkendt (fuld eller som brøkpension)',
        en: 'The pension was granted (fully or as a partial pension)',
      }),
    }),
    examples: [
      { decidedOn: '2025-07-10', granted: true },
      { decidedOn: '2025-07-10', granted: false },
    ],
  },
  'folkepension.switch-confirmed': {
    title: { da: 'Skift fra førtidspension bekræftet', en: 'Switch from disability pension confirmed' },
    actors: ['system', 'caseworker'],
    steps: ['apply-folkepension'],
    schema: schema.object({
      confirmedOn: schema.date({ da: 'Dato for brevet fra Udbetaling Danmark', en: 'Day of Udbetaling Danmark’s letter' }),
    }),
    examples: [{ confirmedOn: '2025-12-01' }],
  },
  'atp.payout-started': {
    title: { da: 'ATP-udbetaling startet (udland)', en: 'ATP payout started (abroad)' },
    actors: ['citizen', 'system'],
    steps: ['atp-payout'],
    confirm: { da: 'Jeg har startet udbetalingen', en: 'I have started the payout' },
    schema: schema.object({
      requestedOn: schema.date({
        da: 'Dagen, udbetalingen blev bestilt i ATP’s selvbetjening',
        en: 'Day the payout was requested in ATP’s self-service',
      }),
    }),
    examples: [{ requestedOn: '2025-10-01' }],
  },
  'atp.payout-deferred': {
    title: { da: 'ATP udskudt', en: 'ATP deferred' },
    actors: ['citizen', 'system'],
    steps: ['atp-payout'],
    confirm: { da: 'Jeg har udskudt min ATP', en: 'I have deferred my ATP' },
    schema: schema.object({
      decidedOn: schema.date({ da: 'Dagen, udskydelsen blev registreret hos ATP', en: 'Day the deferral was registered with ATP' }),
    }),
    examples: [{ decidedOn: '2025-07-01' }],
  },
  'private-pensions.checked': {
    title: { da: 'Pensioner gennemgået', en: 'Pensions reviewed' },
    actors: ['citizen'],
    steps: ['private-pensions'],
    confirm: { da: 'Jeg har gennemgået mine pensioner', en: 'I have reviewed my pensions' },
    schema: schema.object({
      checkedOn: schema.date({ da: 'Dagen, du gennemgik PensionsInfo', en: 'Day the citizen went through PensionsInfo' }),
    }),
    examples: [{ checkedOn: '2025-05-15' }],
  },
  'housing-benefit.recalculated': {
    title: { da: 'Boligstøtte genberegnet', en: 'Housing benefit recalculated' },
    actors: ['system', 'caseworker'],
    steps: ['housing-benefit-recalc'],
    schema: schema.object({
      recalculatedOn: schema.date({ da: 'Dato for Udbetaling Danmarks nye afgørelse', en: 'Day of Udbetaling Danmark’s new decision' }),
    }),
    examples: [{ recalculatedOn: '2025-09-20' }],
  },
  'holiday-pay.requested': {
    title: { da: 'Feriepenge søgt udbetalt', en: 'Holiday pay requested' },
    actors: ['citizen', 'system'],
    steps: ['holiday-pay'],
    confirm: { da: 'Jeg har bedt om mine feriepenge', en: 'I have asked for my holiday pay' },
    schema: schema.object({
      requestedOn: schema.date({ da: 'Dagen, udbetalingen blev bestilt på FerieKonto', en: 'Day the payout was requested on FerieKonto' }),
    }),
    examples: [{ requestedOn: '2025-09-05' }],
  },
  'holiday-pay.not-relevant': {
    title: { da: 'Feriepenge ikke aktuelt', en: 'Holiday pay does not apply' },
    actors: ['citizen'],
    steps: ['holiday-pay'],
    confirm: { da: 'Det er ikke aktuelt for mig nu', en: 'It does not apply to me now' },
    schema: schema.empty(),
    examples: [{}],
  },
};

/**
 * Version 3: the pensions the citizen has besides the state pension and ATP, typed in by them
 * ("Udfyld selv") instead of fetched from PensionsInfo with their consent.
 */
export const retiringEventsV3: Record<RetiringEvent['type'], EventSpec<RetiringStepId>> = {
  ...retiringEvents,
  'private-pensions.entered': {
    title: { da: 'Pensioner udfyldt af dig', en: 'Pensions filled in by you' },
    actors: ['citizen'],
    steps: ['private-pensions'],
    confirm: { da: 'Gem mine pensioner', en: 'Save my pensions' },
    schema: schema.object({
      schemes: schema.titled(
        { da: 'Antal pensionsordninger ud over folkepension og ATP', en: 'Number of pension schemes besides the state pension and ATP' },
        { type: 'integer', minimum: 0, maximum: 50 },
      ),
    }),
    examples: [{ schemes: 2 }],
  },
};
