/**
 * Events the new-job journey accepts from outside the engine. The TypeScript types and the JSON
 * Schemas describe the same data; the API validates against the schema first.
 */
import type { IsoDate } from '../shared/calendar';
import type { EventSpec } from '../shared/contract';
import type { NewJobStepId } from './new-job.steps';
import { schema } from '../shared/kit';

export const TAX_CARD_TYPES = ['hovedkort', 'bikort'] as const;
export type TaxCardType = (typeof TAX_CARD_TYPES)[number];

export type NewJobEvent =
  | { type: 'tax-card.chosen'; cardType: TaxCardType; chosenOn: IsoDate }
  | { type: 'preliminary-tax.checked'; changed: boolean }
  | { type: 'jobnet.deregistered'; deregisteredOn: IsoDate }
  | { type: 'final-claim.submitted'; submittedOn: IsoDate }
  | { type: 'jobcenter.notified'; notifiedOn: IsoDate }
  | { type: 'holiday-pay.requested'; requestedOn: IsoDate }
  | { type: 'holiday-pay.not-needed' }
  | { type: 'housing-benefit.income-reported'; reportedOn: IsoDate }
  | { type: 'su.income-checked'; optedOutOfMonths: boolean };

export const newJobEvents: Record<NewJobEvent['type'], EventSpec<NewJobStepId>> = {
  'tax-card.chosen': {
    title: { da: 'Skattekort valgt', en: 'Tax card chosen' },
    actors: ['citizen', 'system'],
    steps: ['tax-card'],
    confirm: { da: 'Jeg har valgt skattekort', en: 'I have chosen my tax card' },
    schema: schema.object({
      cardType: schema.oneOf(TAX_CARD_TYPES, {
        da: 'Det skattekort, den nye arbejdsgiver bruger: hovedkort eller bikort',
        en: 'The card the new employer uses: main (hovedkort) or secondary (bikort)',
      }),
      chosenOn: schema.date({
        da: 'Dagen, valget blev truffet i TastSelv og meddelt arbejdsgiveren',
        en: 'Day the choice was made in TastSelv and told to the employer',
      }),
    }),
    examples: [
      { cardType: 'hovedkort', chosenOn: '2025-03-27' },
      { cardType: 'bikort', chosenOn: '2025-08-04' },
    ],
  },
  'preliminary-tax.checked': {
    title: { da: 'Forskudsopgørelse tjekket', en: 'Preliminary tax assessment checked' },
    actors: ['citizen', 'system'],
    steps: ['update-preliminary-tax'],
    confirm: { da: 'Jeg har tjekket forskudsopgørelsen', en: 'I have checked my preliminary tax assessment' },
    schema: schema.object({
      changed: schema.yesNo({
        da: 'Forskudsopgørelsen blev rettet (rubrik 201, og 304 eller 216)',
        en: 'The assessment was changed (field 201, and 304 or 216)',
      }),
    }),
    examples: [{ changed: true }, { changed: false }],
  },
  'jobnet.deregistered': {
    title: { da: 'Afmeldt som ledig på Jobnet', en: 'Deregistered as unemployed on Jobnet' },
    actors: ['citizen', 'system'],
    steps: ['leave-unemployment'],
    confirm: { da: 'Jeg har afmeldt mig på Jobnet', en: 'I have deregistered on Jobnet' },
    schema: schema.object({ deregisteredOn: schema.date({ da: 'Dato for afmeldingen', en: 'Day of the deregistration' }) }),
    examples: [{ deregisteredOn: '2025-03-31' }, { deregisteredOn: '2025-04-03' }],
  },
  'final-claim.submitted': {
    title: { da: 'Sidste dagpengekort sendt', en: 'Final claim form sent' },
    actors: ['citizen', 'system'],
    steps: ['leave-unemployment'],
    confirm: { da: 'Jeg har sendt det sidste dagpengekort', en: 'I have sent the last claim form' },
    schema: schema.object({
      submittedOn: schema.date({
        da: 'Dagen, det sidste dagpengekort nåede a-kassen',
        en: 'Day the last dagpengekort reached the a-kasse',
      }),
    }),
    examples: [{ submittedOn: '2025-04-02' }],
  },
  'jobcenter.notified': {
    title: { da: 'Jobcentret har fået besked', en: 'Job centre notified' },
    actors: ['citizen', 'caseworker'],
    steps: ['leave-unemployment'],
    confirm: { da: 'Jeg har givet jobcentret besked', en: 'I have told the job centre' },
    schema: schema.object({
      notifiedOn: schema.date({ da: 'Dagen, jobcentret fik besked om jobbet', en: 'Day the job centre was told about the job' }),
    }),
    examples: [{ notifiedOn: '2025-05-28' }],
  },
  'holiday-pay.requested': {
    title: { da: 'Feriepenge bestilt', en: 'Holiday pay requested' },
    actors: ['citizen', 'system'],
    steps: ['holiday-pay'],
    confirm: { da: 'Jeg har bedt om mine feriepenge', en: 'I have asked for my holiday pay' },
    schema: schema.object({
      requestedOn: schema.date({
        da: 'Dagen, udbetalingen blev bestilt hos FerieKonto',
        en: 'Day the payout was requested from FerieKonto',
      }),
    }),
    examples: [{ requestedOn: '2025-07-01' }],
  },
  'holiday-pay.not-needed': {
    title: { da: 'Ingen feriepenge at hente', en: 'No holiday pay to collect' },
    actors: ['citizen'],
    steps: ['holiday-pay'],
    confirm: { da: 'Jeg har ingen feriepenge at hente', en: 'I have no holiday pay to collect' },
    schema: schema.empty(),
    examples: [{}],
  },
  'housing-benefit.income-reported': {
    title: { da: 'Ny indkomst meldt til boligstøtte', en: 'New income reported for housing benefit' },
    actors: ['citizen', 'system'],
    steps: ['income-linked-benefits'],
    confirm: { da: 'Jeg har meldt min nye indkomst', en: 'I have reported my new income' },
    schema: schema.object({
      reportedOn: schema.date({
        da: 'Dagen, ændringen blev meldt til Udbetaling Danmark',
        en: 'Day the change was reported to Udbetaling Danmark',
      }),
    }),
    examples: [{ reportedOn: '2025-04-02' }],
  },
  'su.income-checked': {
    title: { da: 'SU tjekket mod lønnen', en: 'SU checked against the pay' },
    actors: ['citizen', 'system'],
    steps: ['income-linked-benefits'],
    confirm: { da: 'Jeg har tjekket min SU', en: 'I have checked my SU' },
    schema: schema.object({
      optedOutOfMonths: schema.yesNo({ da: 'SU-måneder blev fravalgt i minSU', en: 'SU months were opted out of in minSU' }),
    }),
    examples: [{ optedOutOfMonths: true }, { optedOutOfMonths: false }],
  },
};
