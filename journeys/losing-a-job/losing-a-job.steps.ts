/** The steps of losing a job (docs/journeys.md section 7), in the order the citizen meets them. */
import type { StepDefinition } from '../shared/contract';

export const JOB_STEP_IDS = [
  'register-unemployed',
  'apply-dagpenge',
  'apply-social-assistance',
  'cv-on-jobnet',
  'ongoing-duties',
  'monthly-claim',
  'update-preliminary-tax',
  'holiday-pay',
] as const;
export type JobStepId = (typeof JOB_STEP_IDS)[number];

const UNEMPLOYED_GUIDE = {
  title: 'borger.dk: Guide – hvis du bliver ledig',
  url: 'https://www.borger.dk/arbejde-dagpenge-ferie/guide--blive-ledig-eller-faa-nyt-job/guide--hvis-du-bliver-ledig',
};

export const jobSteps: StepDefinition[] = [
  {
    id: 'register-unemployed',
    kind: 'citizen',
    system: 'jobnet',
    title: { da: 'Tilmeld dig som ledig på Jobnet', en: 'Register as unemployed on Jobnet' },
    guidance: {
      da:
        'Tilmeld dig som ledig på Jobnet.dk med MitID (eller hos jobcentret) på din første ledighedsdag, også selv om det er en ' +
        'helligdag. Du skal angive mindst ét jobønske. Dagpenge og kontanthjælp gives tidligst fra den dag, du er tilmeldt, så en dag ' +
        'for sent koster penge.',
      en:
        'Register as unemployed on Jobnet.dk with MitID (or at the job centre) on your first day of unemployment, even if it is a ' +
        'public holiday. You must give at least one job wish. Unemployment benefit and social assistance are paid at the earliest from ' +
        'the day you register, so a day late costs money.',
    },
    deadlineRule: { da: 'Første ledighedsdag, også på en helligdag.', en: 'The first day of unemployment, even on a public holiday.' },
    legalSource: UNEMPLOYED_GUIDE,
    task: { da: 'Tilmeld dig som ledig på Jobnet', en: 'Register as unemployed on Jobnet' },
    notRelevant: {
      'found-a-job': {
        da: 'Du har fået job, så trinnet er ikke længere aktuelt.',
        en: 'You have found a job, so the step no longer applies.',
      },
    },
  },
  {
    id: 'apply-dagpenge',
    kind: 'citizen',
    system: 'a-kasse',
    title: { da: 'Søg dagpenge i din a-kasse', en: 'Apply for unemployment benefit at your a-kasse' },
    guidance: {
      da:
        'Du er medlem af en a-kasse. Send en ledighedserklæring til a-kassen så hurtigt som muligt, og vedhæft din ansættelseskontrakt ' +
        'og opsigelse. Du skal have været medlem i mindst 1 år og opfylde indkomstkravet. Arbejdsgiveren betaler normalt de første 3 ' +
        'ledighedsdage (G-dage). Har du selv sagt op, får du ikke dagpenge de første 3 uger (karantæne).',
      en:
        'You are a member of an unemployment insurance fund (a-kasse). Send a declaration of unemployment (ledighedserklæring) to the ' +
        'a-kasse as soon as possible, with your employment contract and notice. You must have been a member for at least 1 year and ' +
        'meet the income requirement. The employer usually pays the first 3 days (G-dage). If you resigned yourself, you get no ' +
        'benefit for the first 3 weeks (quarantine).',
    },
    deadlineRule: {
      da: 'Så hurtigt som muligt. Har du selv sagt op: 3 ugers karantæne fra første ledighedsdag.',
      en: "As soon as possible. If you resigned: 3 weeks' quarantine from the first day of unemployment.",
    },
    legalSource: { title: 'AK-Samvirke: Step by step – what to do when you become unemployed', url: 'https://www.aka.dk', lang: 'en' },
    task: { da: 'Send en ledighedserklæring til din a-kasse', en: 'Send a declaration of unemployment to your a-kasse' },
    notRelevant: {
      'found-a-job': {
        da: 'Du har fået job, så trinnet er ikke længere aktuelt.',
        en: 'You have found a job, so the step no longer applies.',
      },
      'not-insured': {
        da: 'Du har svaret, at du ikke er medlem af en a-kasse.',
        en: 'You answered that you are not a member of an a-kasse.',
      },
    },
  },
  {
    id: 'apply-social-assistance',
    kind: 'citizen',
    system: 'municipality',
    title: { da: 'Søg kontanthjælp i kommunen', en: 'Apply for social assistance at the municipality' },
    guidance: {
      da:
        'Du er ikke medlem af en a-kasse, så du kan søge hjælp hos kommunen på borger.dk fra din første ledighedsdag. Hjælpen gives ' +
        'tidligst fra den dag, du søger. Du skal bruge kontoudtog for de sidste 3 måneder (for dig og en eventuel ægtefælle) og oplyse ' +
        'din formue. Er du under 30 uden en erhvervskompetencegivende uddannelse, får du uddannelseshjælp; har du boet i Danmark ' +
        'mindre end 9 af de sidste 10 år, får du selvforsørgelses- og hjemrejseydelse; ellers kontanthjælp.',
      en:
        'You are not a member of an a-kasse, so you can apply for help from the municipality on borger.dk from your first day of ' +
        'unemployment. Help is given at the earliest from the day you apply. You need bank statements for the last 3 months (for you ' +
        'and any spouse) and must state your assets. Under 30 without a vocational qualification you get education assistance ' +
        '(uddannelseshjælp); if you have lived in Denmark less than 9 of the last 10 years, you get self-support and repatriation ' +
        'benefit; otherwise social assistance (kontanthjælp).',
    },
    deadlineRule: {
      da: 'Første ledighedsdag: hjælpen gives ikke for tiden før ansøgningen.',
      en: 'The first day of unemployment: no help is given for the time before the application.',
    },
    legalSource: { title: 'Lov om aktiv socialpolitik; kommunernes vejledning: Søg kontanthjælp (fx rudersdal.dk, greve.dk)' },
    task: { da: 'Søg kontanthjælp hos kommunen på borger.dk', en: 'Apply for social assistance from the municipality on borger.dk' },
    notRelevant: {
      'found-a-job': {
        da: 'Du har fået job, så trinnet er ikke længere aktuelt.',
        en: 'You have found a job, so the step no longer applies.',
      },
      'a-kasse-member': {
        da: 'Du er medlem af en a-kasse og søger dagpenge i stedet.',
        en: 'You are a member of an a-kasse and apply for unemployment benefit instead.',
      },
    },
  },
  {
    id: 'cv-on-jobnet',
    kind: 'citizen',
    system: 'jobnet',
    title: { da: 'Læg dit CV på Jobnet', en: 'Put your CV on Jobnet' },
    guidance: {
      da:
        "Læg dit CV på Jobnet senest 2 uger efter, at du er blevet ledig; nogle a-kasser giver 3 uger. A-kassen godkender CV'et. Et " +
        'synligt CV er en betingelse for at få dagpenge eller hjælp.',
      en:
        'Put your CV on Jobnet at the latest 2 weeks after you became unemployed; some a-kasser allow 3 weeks. The a-kasse approves ' +
        'the CV. A visible CV is a condition for benefit or assistance.',
    },
    deadlineRule: {
      da: 'Senest 2 uger efter første ledighedsdag (hos nogle a-kasser 3 uger).',
      en: 'At the latest 2 weeks after the first day of unemployment (3 weeks at some a-kasser).',
    },
    legalSource: UNEMPLOYED_GUIDE,
    task: { da: 'Læg dit CV på Jobnet', en: 'Put your CV on Jobnet' },
    notRelevant: {
      'found-a-job': {
        da: 'Du har fået job, så trinnet er ikke længere aktuelt.',
        en: 'You have found a job, so the step no longer applies.',
      },
    },
  },
  {
    id: 'ongoing-duties',
    kind: 'citizen',
    system: 'jobnet',
    title: { da: 'Dine pligter som ledig', en: 'Your duties while unemployed' },
    guidance: {
      da:
        'Så længe du er ledig, skal du tjekke dine jobforslag på Jobnet mindst hver 7. dag, føre din joblog og møde op til samtaler i ' +
        '"Min Plan". Vi minder dig om jobloggen hver uge, indtil du markerer, at du har fået job.',
      en:
        'As long as you are unemployed, you must check your job suggestions on Jobnet at least every 7 days, keep your job log and ' +
        'attend meetings in "Min Plan". We remind you about the job log every week until you mark that you have found a job.',
    },
    deadlineRule: { da: 'Mindst hver 7. dag, så længe du er ledig.', en: 'At least every 7 days while you are unemployed.' },
    legalSource: UNEMPLOYED_GUIDE,
    task: { da: 'Tjek dine jobforslag, og opdater din joblog', en: 'Check your job suggestions and update your job log' },
  },
  {
    id: 'monthly-claim',
    kind: 'citizen',
    system: 'a-kasse',
    title: { da: 'Send dagpengekort hver måned', en: 'Send the monthly claim form' },
    guidance: {
      da:
        'Hver måned sender du et dagpengekort (ydelseskort) til a-kassen med timer, du har arbejdet, og dage med ferie eller sygdom. ' +
        'Uden kort får du ikke dagpenge for måneden. Fristen varierer mellem a-kasserne; vi regner med den sidste dag i måneden efter ' +
        'plus 10 dage.',
      en:
        'Every month you send a claim form (dagpengekort) to the a-kasse with the hours you worked and any days of holiday or illness. ' +
        'Without the form you get no benefit for the month. The limit varies between a-kasser; we count on the last day of the ' +
        'following month plus 10 days.',
    },
    deadlineRule: {
      da: 'Hos mindst én a-kasse: senest 1 måned og 10 dage efter månedens udløb (usikkert for andre a-kasser).',
      en: 'At one a-kasse at least: 1 month and 10 days after the month ends (uncertain for other a-kasser).',
    },
    legalSource: { title: 'FA (a-kasse): Jeg er ledig', url: 'https://www.fa-k.dk' },
    task: { da: 'Send dit dagpengekort til a-kassen', en: 'Send your claim form to the a-kasse' },
    notRelevant: {
      'not-insured': {
        da: 'Du er ikke medlem af en a-kasse, så du skal ikke sende dagpengekort.',
        en: 'You are not a member of an a-kasse, so you send no claim forms.',
      },
    },
  },
  {
    id: 'update-preliminary-tax',
    kind: 'citizen',
    system: 'skattestyrelsen',
    title: { da: 'Ret din forskudsopgørelse', en: 'Update your preliminary tax assessment' },
    guidance: {
      da:
        'Skriv de forventede dagpenge eller den forventede hjælp i rubrik 304 i din forskudsopgørelse i TastSelv, og sænk lønnen. ' +
        'Husk, at du ikke får beskæftigelsesfradrag, mens du er ledig.',
      en:
        'Enter the expected unemployment benefit or assistance in field 304 of your preliminary tax assessment in TastSelv, and lower ' +
        'the salary. Note that you get no employment deduction while unemployed.',
    },
    legalSource: { title: 'Skattestyrelsen: Forskudsopgørelse (TastSelv)', url: 'https://skat.dk' },
    task: { da: 'Ret din forskudsopgørelse i TastSelv', en: 'Update your preliminary tax assessment in TastSelv' },
    notRelevant: {
      'no-change': {
        da: 'Du har tjekket forskudsopgørelsen, og der var ikke noget at rette.',
        en: 'You checked your preliminary tax assessment and there was nothing to change.',
      },
      'found-a-job': {
        da: 'Du har fået job, så trinnet er ikke længere aktuelt.',
        en: 'You have found a job, so the step no longer applies.',
      },
    },
  },
  {
    id: 'holiday-pay',
    kind: 'automatic',
    system: 'udbetaling-danmark-pension',
    title: { da: 'Dine feriepenge', en: 'Your holiday pay' },
    guidance: {
      da:
        'Din arbejdsgiver indberetter dine optjente feriepenge til FerieKonto via eIndkomst senest ved udgangen af den måned, du ' +
        'fratræder. Du skal ikke gøre noget nu; du kan få feriepengene udbetalt, når du holder ferie. Vi giver besked, hvis ' +
        'indberetningen trækker ud.',
      en:
        'Your employer reports your earned holiday pay to FerieKonto through eIndkomst at the latest by the end of the month in which ' +
        'you leave. You need not do anything now; you can have the holiday pay paid when you take holiday. We tell you if the report ' +
        'is delayed.',
    },
    deadlineRule: {
      da: 'Vi markerer trinnet som forsinket 10 dage efter udgangen af fratrædelsesmåneden (praksis, usikkert).',
      en: 'We flag the step as delayed 10 days after the end of the month you left (practice, uncertain).',
    },
    legalSource: UNEMPLOYED_GUIDE,
    notRelevant: {
      'found-a-job': {
        da: 'Du har fået job, så trinnet er ikke længere aktuelt.',
        en: 'You have found a job, so the step no longer applies.',
      },
    },
  },
];
