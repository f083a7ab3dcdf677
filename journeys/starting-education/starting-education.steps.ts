/** The steps of starting an education (docs/journeys.md section 2), in the order the student meets them. */
import type { LegalSource, StepDefinition } from '../shared/contract';

export const STARTING_EDUCATION_STEP_IDS = [
  'readiness-assessment',
  'apply-youth-education',
  'apply-higher-education',
  'accept-place',
  'apply-su',
  'set-tax-card',
  'move-out',
  'ungdomskort',
] as const;
export type StartingEducationStepId = (typeof STARTING_EDUCATION_STEP_IDS)[number];

const YOUTH_ADMISSION: LegalSource = {
  title: 'STIL: Optagelse på ungdomsuddannelser (viden.stil.dk)',
  url: 'https://viden.stil.dk/pages/viewpage.action?pageId=24084612',
};
const SU_DEADLINES: LegalSource = {
  title: 'su.dk: Tidsfrister for at søge SU',
  url: 'https://su.dk/su/ny-su-modtager/tidsfrister-for-at-soege-su',
};

export const startingEducationSteps: StepDefinition[] = [
  {
    id: 'readiness-assessment',
    kind: 'caseworker',
    system: 'optagelse-dk',
    title: { da: 'Uddannelsesparathedsvurdering', en: 'Readiness assessment' },
    guidance: {
      da:
        'Din skole og ungdomsvejledningen vurderer, om du er parat til den uddannelse, du søger (UPV). Du ser vurderingen i ' +
        'optagelse.dk. Den endelige vurdering kommer i starten af juni. Er du vurderet ikke-parat til gymnasiet, kan du stadig blive ' +
        'optaget gennem en optagelsesprøve og en samtale.',
      en:
        'Your school and the youth guidance service assess whether you are ready for the education you apply for (UPV). You see the ' +
        'assessment in optagelse.dk. The final assessment comes in early June. If you are assessed not ready for upper secondary ' +
        'school, you can still be admitted through an admission test and an interview.',
    },
    deadlineRule: { da: 'Endelig i starten af juni.', en: 'Final in early June.' },
    legalSource: YOUTH_ADMISSION,
    notRelevant: {
      'higher-education-track': {
        da: 'Du søger en videregående uddannelse, og der er ingen parathedsvurdering.',
        en: 'You are applying for higher education, which has no readiness assessment.',
      },
    },
  },
  {
    id: 'apply-youth-education',
    kind: 'citizen',
    system: 'optagelse-dk',
    title: { da: 'Søg ungdomsuddannelse', en: 'Apply for youth education' },
    guidance: {
      da:
        'Søg på optagelse.dk med UNI-login. Du kan prioritere op til fem uddannelser, og dine forældre skal skrive under. Fristen er ' +
        '1. marts kl. 23.59. Pladser på gymnasiet fordeles centralt og meldes foreløbigt ud omkring 8. maj; erhvervsskoler og 10. ' +
        'klasse svarer senest 1. juni (datoerne skifter fra år til år).',
      en:
        'Apply on optagelse.dk with UNI-login. You can rank up to five programmes, and your parents must co-sign. The deadline is 1 ' +
        'March at 23:59. Upper secondary places are allocated centrally and announced provisionally around 8 May; vocational schools ' +
        'and 10th grade answer by 1 June (the dates change from year to year).',
    },
    deadlineRule: { da: '1. marts kl. 23.59 i optagelsesåret.', en: '1 March at 23:59 in the year of admission.' },
    legalSource: YOUTH_ADMISSION,
    task: { da: 'Søg ungdomsuddannelse på optagelse.dk', en: 'Apply for youth education on optagelse.dk' },
    notRelevant: {
      'higher-education-track': { da: 'Du søger en videregående uddannelse.', en: 'You are applying for higher education.' },
    },
  },
  {
    id: 'apply-higher-education',
    kind: 'citizen',
    system: 'optagelse-dk',
    title: { da: 'Søg videregående uddannelse', en: 'Apply for higher education' },
    guidance: {
      da:
        'Søg på optagelse.dk og skriv under med MitID. Du kan prioritere op til otte uddannelser. Ansøgningen åbner 1. februar. Søger ' +
        'du i kvote 2, er fristen 15. marts kl. 12.00; i kvote 1 er den 5. juli kl. 12.00. Dit eksamensbevis hentes automatisk fra ' +
        'Eksamensdatabasen. Du får svar i slutningen af juli.',
      en:
        'Apply on optagelse.dk and sign with MitID. You can rank up to eight programmes. Applications open on 1 February. For quota 2 ' +
        'the deadline is 15 March at 12:00; for quota 1 it is 5 July at 12:00. Your exam certificate is fetched automatically from the ' +
        'exam database. You get an answer at the end of July.',
    },
    deadlineRule: {
      da: 'Kvote 2: 15. marts kl. 12.00. Kvote 1: 5. juli kl. 12.00.',
      en: 'Quota 2: 15 March at 12:00. Quota 1: 5 July at 12:00.',
    },
    legalSource: {
      title: 'SDU: Ansøgning om optagelse (bachelor)',
      url: 'https://www.sdu.dk/da/uddannelse/bachelor/ansoegning_om_optagelse',
    },
    task: { da: 'Søg videregående uddannelse på optagelse.dk', en: 'Apply for higher education on optagelse.dk' },
    notRelevant: {
      'youth-education-track': { da: 'Du søger en ungdomsuddannelse.', en: 'You are applying for youth education.' },
    },
  },
  {
    id: 'accept-place',
    kind: 'citizen',
    system: 'optagelse-dk',
    title: { da: 'Tag imod din plads', en: 'Accept your place' },
    guidance: {
      da:
        'Når du har fået tilbudt en plads, skal du tage imod den. Vi kan sende dit ja til optagelse.dk. Siger du nej, eller får du ' +
        'ikke en plads, lukker vi de trin, der hører til studiestarten.',
      en:
        'When you are offered a place, you must accept it. We can send your acceptance to optagelse.dk. If you decline, or get no ' +
        'place, we close the steps that belong to starting the education.',
    },
    task: { da: 'Svar på tilbuddet om en plads', en: 'Answer the offer of a place' },
    notRelevant: {
      'no-offer': { da: 'Du fik ikke tilbudt en plads.', en: 'You were not offered a place.' },
      declined: { da: 'Du har sagt nej til pladsen.', en: 'You declined the place.' },
    },
  },
  {
    id: 'apply-su',
    kind: 'citizen',
    system: 'minsu',
    title: { da: 'Søg SU', en: 'Apply for SU (student grant)' },
    guidance: {
      da:
        'Søg SU i minSU på su.dk, når du er optaget; tidligst en måned før du har ret til SU. SU gives ikke bagud: du får tidligst SU ' +
        'fra den måned, du søger i, så søg senest i den måned, din ret begynder. På en ungdomsuddannelse får du SU fra kvartalet efter ' +
        'din 18-års fødselsdag. Er du 18–19 år, får du som udgangspunkt hjemmeboendesats, og dine forældres indkomst tæller med; ' +
        'flytter du hjemmefra, kan du søge udeboendesats. Er du ikke dansk statsborger, skal du først søges ligestillet med danske ' +
        'statsborgere (op til tre måneder før). Du skal have en NemKonto. Svaret kommer efter cirka 2–4 uger.',
      en:
        'Apply for SU in minSU on su.dk once you are admitted, at the earliest one month before you are entitled. SU is not paid back ' +
        'in time: it starts at the earliest in the month you apply, so apply in the month your entitlement begins at the latest. On a ' +
        'youth education SU starts in the quarter after your 18th birthday. At 18–19 you normally get the living-at-home rate, and ' +
        'your parents’ income counts; if you move out, you can apply for the living-away rate. If you are not a Danish citizen, first ' +
        'apply for equal status with Danish citizens (up to three months ahead). You need a NemKonto. The answer comes after about 2–4 ' +
        'weeks.',
    },
    deadlineRule: {
      da: 'Tidligst 1 måned før og senest sidste dag i den måned, din ret til SU begynder (ikke med tilbagevirkende kraft).',
      en: 'At the earliest 1 month before and at the latest on the last day of the month your entitlement begins (not retroactive).',
    },
    legalSource: SU_DEADLINES,
    task: { da: 'Søg SU i minSU', en: 'Apply for SU in minSU' },
    notRelevant: {
      'no-place': { da: 'Du har ikke fået en plads, som du kan få SU til.', en: 'You have no place to receive SU for.' },
      'no-equal-status': {
        da: 'Du fik ikke ligestilling med danske statsborgere, så du kan ikke få SU.',
        en: 'You were not granted equal status with Danish citizens, so you cannot get SU.',
      },
    },
  },
  {
    id: 'set-tax-card',
    kind: 'citizen',
    system: 'skattestyrelsen',
    title: { da: 'Vælg hovedkort og bikort', en: 'Choose main and secondary tax card' },
    guidance: {
      da:
        'Vælg, om din SU eller dit job skal bruge hovedkortet (med dit personfradrag); den anden indkomst bruger bikortet. Har du kun ' +
        'SU, skal hovedkortet ligge på SU. Vi sender dit valg til Skattestyrelsen, eller du kan selv gøre det i TastSelv.',
      en:
        'Choose whether your SU or your job uses the main tax card (with your personal allowance); the other income uses the secondary ' +
        'card. If SU is your only income, the main card belongs to SU. We send your choice to the Danish Tax Agency, or you can do it ' +
        'yourself in TastSelv.',
    },
    legalSource: { title: 'borger.dk: Skattekort og frikort', url: 'https://www.borger.dk/oekonomi-skat-su/Skat/Skattekort-og-frikort' },
    task: { da: 'Vælg, om SU eller dit job skal have hovedkortet', en: 'Choose whether SU or your job gets the main tax card' },
    notRelevant: {
      'no-su': {
        da: 'Du får ikke SU, så der er ikke et hovedkort at fordele.',
        en: 'You do not receive SU, so there is no main card to assign.',
      },
    },
  },
  {
    id: 'move-out',
    kind: 'citizen',
    system: 'cpr',
    title: { da: 'Flyt hjemmefra', en: 'Move out' },
    guidance: {
      da:
        'Skal du flytte for at studere, starter vi et flytteforløb for dig, når du fortæller os om flytningen; trinnet er færdigt, når ' +
        'flytningen er på plads. SU får din nye adresse fra CPR og retter satsen inden for cirka 14 dage.',
      en:
        'If you are moving to study, we start a moving journey for you once you tell us about the move; this step is done when the ' +
        'move is complete. SU gets your new address from CPR and adjusts the rate within about 14 days.',
    },
    legalSource: { title: 'su.dk: Søg SU i minSU', url: 'https://su.dk/su/soeg-su-i-minsu/' },
    task: { da: 'Fortæl os om din flytning', en: 'Tell us about your move' },
    notRelevant: {
      'not-moving': { da: 'Du har svaret, at du ikke flytter.', en: 'You answered that you are not moving.' },
      'no-place': {
        da: 'Du har ikke fået en plads, så du skal ikke flytte for at studere.',
        en: 'You have no place, so there is no move for your studies.',
      },
    },
  },
  {
    id: 'ungdomskort',
    kind: 'citizen',
    title: { da: 'Ungdomskort', en: 'Youth travel card (ungdomskort)' },
    guidance: {
      da:
        'Med et ungdomskort rejser du billigt med offentlig transport til og fra uddannelsen. Søg på ungdomskort.dk mindst 14 dage ' +
        'før, du skal bruge det. Uddannelsen skal være godkendt til SU.',
      en:
        'A youth travel card gives cheap public transport to and from your education. Apply on ungdomskort.dk at least 14 days before ' +
        'you need it. The education must be approved for SU.',
    },
    deadlineRule: { da: 'Mindst 14 dage før studiestart.', en: 'At least 14 days before the education starts.' },
    legalSource: { title: 'ungdomskort.dk' },
    optional: true,
    task: { da: 'Søg ungdomskort på ungdomskort.dk', en: 'Apply for a youth travel card on ungdomskort.dk' },
    notRelevant: {
      'no-place': { da: 'Du har ikke fået en plads på en uddannelse.', en: 'You have no place on an education.' },
      declined: { da: 'Du har valgt ikke at søge ungdomskort.', en: 'You chose not to apply for a youth travel card.' },
    },
  },
];
