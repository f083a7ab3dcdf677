/**
 * How long an authority normally takes to answer a case, where it publishes a figure: data, each
 * figure with its public source and the day it was checked against it (docs/overview.md, "Expected
 * answer times"). Mit overblik shows the figure beside a step that waits for the authority. A case
 * without a published figure has none here, and the overview then says nothing about its answer time.
 */
import type { AuthoritySystemId, LegalSource, RuleSource, Text } from '../contract';
import type { StepRef } from './task-kit';

export interface AnswerTime {
  system: AuthoritySystemId;
  /** The journey steps (`journey/step`) whose case the figure is about. */
  steps: StepRef[];
  /** `within`: the answer normally comes within the time; `average`: the authority's published average. */
  measure: 'within' | 'average';
  amount: number;
  unit: 'working-days' | 'weeks';
  /** What the figure covers, in one sentence. */
  covers: string;
  source: LegalSource;
  checked: RuleSource['checked'];
}

export const ANSWER_TIMES: readonly AnswerTime[] = [
  {
    system: 'udbetaling-danmark-housing',
    steps: ['moving/housing-benefit'],
    measure: 'within',
    amount: 7,
    unit: 'weeks',
    covers: 'An application for housing benefit is decided within up to 7 weeks (the past year averaged 4 weeks).',
    source: {
      title: 'borger.dk: Søg boligstøtte',
      url: 'https://www.borger.dk/bolig-og-flytning/boligstoette-oversigt/soeg-boligstoette',
    },
    checked: '2026-12-06',
  },
  {
    system: 'familieretshuset',
    steps: ['divorce/screening'],
    measure: 'within',
    amount: 5,
    unit: 'working-days',
    covers: 'Familieretshuset sorts (visitates) a case as soon as possible and as far as possible within 5 working days of receiving it.',
    source: {
      title: 'Familieretshuset: Lovbestemte frister (lov om Familieretshuset)',
      url: 'https://familieretshuset.dk/om-familieretshuset/sagsbehandlingstider/lovbestemte-frister',
    },
    checked: '2026-12-06',
  },
  {
    system: 'familieretshuset',
    steps: ['divorce/children-arrangements'],
    measure: 'average',
    amount: 10,
    unit: 'weeks',
    covers: 'A case about contact takes 10 weeks on average, one about custody and residence 9 weeks: the longer is shown.',
    source: {
      title: 'Familieretshuset: Sagsbehandlingstider for samvær, bopæl og forældremyndighed',
      url:
        'https://familieretshuset.dk/om-familieretshuset/sagsbehandlingstider/' +
        'sagsbehandlingstider-for-samvaer-bopael-og-foraeldremyndighed',
    },
    checked: '2026-12-06',
  },
];

const BY_STEP = new Map<string, AnswerTime>(ANSWER_TIMES.flatMap((a) => a.steps.map((step) => [`${a.system} ${step}`, a] as const)));

/** The expected answer time of a journey's step at `system`, when a published figure is known. */
export function answerTimeOf(system: string, journeyType: string, stepId: string): AnswerTime | undefined {
  return BY_STEP.get(`${system} ${journeyType}/${stepId}`);
}

const UNITS: Record<AnswerTime['unit'], { da: [string, string]; en: [string, string] }> = {
  'working-days': { da: ['hverdag', 'hverdage'], en: ['working day', 'working days'] },
  weeks: { da: ['uge', 'uger'], en: ['week', 'weeks'] },
};

/** The figure in plain words: "Svar forventes normalt inden for 5 hverdage". */
export function answerTimeText(a: Pick<AnswerTime, 'measure' | 'amount' | 'unit'>): Text {
  const unit = UNITS[a.unit];
  const da = `${a.amount} ${unit.da[a.amount === 1 ? 0 : 1]}`;
  const en = `${a.amount} ${unit.en[a.amount === 1 ? 0 : 1]}`;
  return a.measure === 'within'
    ? { da: `Svar forventes normalt inden for ${da}`, en: `An answer is normally expected within ${en}` }
    : { da: `Svar tager i gennemsnit ${da}`, en: `An answer takes ${en} on average` };
}
