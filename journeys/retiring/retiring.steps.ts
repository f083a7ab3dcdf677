/** The steps of retiring on the state pension (docs/journeys.md section 10), in the order the citizen meets them. */
import type { StepDefinition } from '../shared/contract';

export const RETIRING_STEP_IDS = [
  'compute-pension-age',
  'apply-folkepension',
  'atp-payout',
  'private-pensions',
  'housing-benefit-recalc',
  'holiday-pay',
] as const;
export type RetiringStepId = (typeof RETIRING_STEP_IDS)[number];

const BEFORE_FOLKEPENSION = {
  title: 'borger.dk: Før du går på folkepension',
  url: 'https://www.borger.dk/oekonomi-skat-su/Pension-og-efterloen/foer-du-gaar-paa-folkepension',
};

export const retiringSteps: StepDefinition[] = [
  {
    id: 'compute-pension-age',
    kind: 'automatic',
    system: 'cpr',
    title: { da: 'Din folkepensionsalder', en: 'Your state pension age' },
    guidance: {
      da:
        'Din folkepensionsalder afhænger af din fødselsdato: 65 år for født til og med 1953, stigende med halve år til 67 år (født 1. ' +
        'juli 1955–1962), 68 år (1963–1966), 69 år (1967–1970) og 70 år (født fra 1. januar 1971). Alderen følger levealderen og kan ' +
        'blive hævet ved lov. Vi har beregnet den ud fra din fødselsdato i CPR.',
      en:
        'Your state pension age depends on your birth date: 65 for people born up to 1953, rising by half-years to 67 (born 1 July ' +
        '1955–1962), 68 (1963–1966), 69 (1967–1970) and 70 (born from 1 January 1971). The age follows life expectancy and can be ' +
        'raised by law. We computed it from your birth date in CPR.',
    },
    legalSource: {
      title: 'Lov om social pension § 1 a, som ændret i maj 2025 (folkepensionsalder 70 år)',
      url: 'https://danskelove.dk/pensionsloven/1a',
    },
  },
  {
    id: 'apply-folkepension',
    kind: 'citizen',
    system: 'udbetaling-danmark-pension',
    title: { da: 'Søg folkepension', en: 'Apply for the state pension' },
    guidance: {
      da:
        'Folkepensionen kommer ikke automatisk: du skal søge på borger.dk ("Folkepension"), tidligst 6 måneder før du når ' +
        'folkepensionsalderen. Søger du senest den sidste dag i den måned, du når alderen, får du pension fra den 1. i måneden efter. ' +
        'Søger du senere, men senest den 10. i den 5. måned efter, får du pensionen efterbetalt; ellers først fra den 1. i måneden ' +
        'efter, du har søgt. Tillæg (varmetillæg, helbredstillæg, personligt tillæg) gives aldrig med tilbagevirkende kraft. Du skal ' +
        'oplyse din og din ægtefælles indkomst og formue. Arbejder du stadig (mindst 750 timer om året), kan du i stedet udskyde ' +
        'pensionen (opsat pension) i op til 10 år og få en højere pension. Får du førtidspension, skifter du automatisk til ' +
        'folkepension.',
      en:
        'The state pension is not automatic: you must apply on borger.dk ("Folkepension"), at the earliest 6 months before you reach ' +
        'the pension age. If you apply at the latest on the last day of the month in which you reach the age, you are paid from the ' +
        '1st of the following month. If you apply later, but at the latest on the 10th of the 5th month after, the pension is paid ' +
        'back; otherwise only from the 1st of the month after you apply. Supplements (heating, health, personal) are never paid back. ' +
        "You must state your own and your spouse's income and assets. If you are still working (at least 750 hours a year), you can " +
        'instead defer the pension (opsat pension) for up to 10 years and get a higher pension. If you receive disability pension, you ' +
        'switch to the state pension automatically.',
    },
    deadlineRule: {
      da: 'Senest den sidste dag i den måned, du når folkepensionsalderen; med efterbetaling senest den 10. i den 5. måned efter.',
      en:
        'At the latest on the last day of the month in which you reach the pension age; with back-pay at the latest on the 10th of the ' +
        '5th month after.',
    },
    legalSource: BEFORE_FOLKEPENSION,
    task: { da: 'Søg folkepension på borger.dk', en: 'Apply for the state pension on borger.dk' },
  },
  {
    id: 'atp-payout',
    kind: 'automatic',
    system: 'atp',
    title: { da: 'ATP Livslang Pension', en: 'ATP Lifelong Pension' },
    guidance: {
      da:
        'ATP udbetales automatisk fra den sidste bankdag i den måned, du når folkepensionsalderen; du får et brev ca. 3 måneder før. ' +
        "Små pensioner udbetales som et engangsbeløb. Bor du i udlandet, skal du selv starte udbetalingen i ATP's selvbetjening. Du " +
        'kan udskyde ATP fra 11 måneder før til 5 måneder efter, at udbetalingen skulle begynde.',
      en:
        'ATP is paid automatically from the last banking day of the month in which you reach the state pension age; you get a letter ' +
        "about 3 months before. Small pensions are paid as a lump sum. If you live abroad, you must start the payout yourself in ATP's " +
        'self-service. You can defer ATP from 11 months before until 5 months after the payout would start.',
    },
    deadlineRule: {
      da:
        'Vi markerer trinnet som forsinket, hvis udbetalingen ikke er bekræftet 5 arbejdsdage efter den forventede første udbetaling ' +
        '(praksis, usikkert).',
      en:
        'We flag the step as delayed if the payout is not confirmed 5 working days after the expected first payment (practice, ' +
        'uncertain).',
    },
    legalSource: {
      title: 'borger.dk: ATP Livslang Pension',
      url: 'https://www.borger.dk/pension-og-efterloen/ATP-Livslang-pension-oversigt/ATP-Livslang-Pension',
    },
    task: { da: 'Tag stilling til din ATP-udbetaling', en: 'Decide about your ATP payout' },
  },
  {
    id: 'private-pensions',
    kind: 'citizen',
    title: { da: 'Arbejdsmarkeds- og private pensioner', en: 'Labour-market and private pensions' },
    guidance: {
      da:
        'Se dine pensioner i PensionsInfo (pensionsinfo.dk) og tag stilling til, hvornår de skal udbetales. Nogle pensionsselskaber ' +
        'starter udbetalingen selv, andre kræver, at du beder om den: kontakt dem i god tid.',
      en:
        'See your pensions in PensionsInfo (pensionsinfo.dk) and decide when they are to be paid. Some pension companies start the ' +
        'payout themselves, others need you to ask: contact them in good time.',
    },
    legalSource: { title: 'PensionsInfo', url: 'https://www.pensionsinfo.dk' },
    task: { da: 'Gennemgå dine pensioner i PensionsInfo', en: 'Review your pensions in PensionsInfo' },
  },
  {
    id: 'housing-benefit-recalc',
    kind: 'automatic',
    system: 'udbetaling-danmark-housing',
    title: { da: 'Boligstøtten genberegnes', en: 'Housing benefit is recalculated' },
    guidance: {
      da:
        'Du får boligstøtte. Når du går på folkepension, genberegner Udbetaling Danmark din boligstøtte (pensionister beregnes ' +
        'lempeligere). Du skal ikke gøre noget, men husk din pligt til at oplyse om ændringer; vi giver besked, hvis genberegningen ' +
        'trækker ud.',
      en:
        'You receive housing benefit. When you start your state pension, Payment Denmark recalculates it (pensioners are calculated ' +
        'more favourably). You need not do anything, but remember your duty to report changes; we tell you if the recalculation is ' +
        'delayed.',
    },
    deadlineRule: {
      da: 'Vi markerer trinnet som forsinket 6 uger efter pensionens start (praksis, usikkert).',
      en: 'We flag the step as delayed 6 weeks after the pension starts (practice, uncertain).',
    },
    legalSource: {
      title: 'borger.dk: Boligstøtte',
      url: 'https://www.borger.dk/bolig-og-flytning/boligstoette-oversigt/soeg-boligstoette',
    },
    notRelevant: {
      'no-housing-benefit': { da: 'Du får ikke boligstøtte.', en: 'You do not receive housing benefit.' },
    },
  },
  {
    id: 'holiday-pay',
    kind: 'citizen',
    system: 'udbetaling-danmark-pension',
    title: { da: 'Få dine feriepenge udbetalt', en: 'Get your holiday pay' },
    guidance: {
      da:
        'Når du forlader arbejdsmarkedet og går på pension, kan du få alle dine optjente feriepenge udbetalt på én gang via FerieKonto ' +
        'på borger.dk. Arbejder du videre, kan du markere, at det ikke er aktuelt nu.',
      en:
        'When you leave the labour market on a pension, you can have all your earned holiday pay paid out at once through FerieKonto ' +
        'on borger.dk. If you keep working, you can mark that it does not apply now.',
    },
    legalSource: { title: 'borger.dk: Feriepenge (FerieKonto)', url: 'https://www.borger.dk' },
    task: { da: 'Få dine feriepenge udbetalt fra FerieKonto', en: 'Have your holiday pay paid out from FerieKonto' },
    notRelevant: {
      'not-relevant': {
        da: 'Du har markeret, at feriepengene ikke er aktuelle for dig nu.',
        en: 'You marked that holiday pay does not apply to you now.',
      },
    },
  },
];

/**
 * Version 3: the private-pensions step reads the citizen's pension overview from PensionsInfo,
 * which shares it only when the citizen asks or consents (docs/journeys.md, "Consent").
 */
export const retiringStepsV3: StepDefinition[] = retiringSteps.map((step) =>
  step.id !== 'private-pensions'
    ? step
    : {
        ...step,
        legalBasis: {
          kind: 'consent',
          system: 'pensionsinfo',
          task: 'pension-overview',
          fetches: {
            da: 'Dine pensionsordninger og hvad de forventes at udbetale',
            en: 'Your pension schemes and what they are expected to pay',
          },
          from: { da: 'PensionsInfo (dine pensionsselskaber)', en: 'PensionsInfo (your pension companies)' },
          purpose: {
            da: 'At vise, hvilke pensioner du selv skal bede om at få udbetalt',
            en: 'To show which pensions you must ask to have paid out yourself',
          },
          fillInYourself: 'private-pensions.entered',
          source: { title: 'PensionsInfo: Privatlivspolitik', url: 'https://www.pensionsinfo.dk/Privacy' },
        },
      },
);
