/** The steps of starting a new job (docs/journeys.md section 6), in the order the citizen meets them. */
import type { StepDefinition } from '../shared/contract';

export const NEW_JOB_STEP_IDS = [
  'tax-card',
  'update-preliminary-tax',
  'leave-unemployment',
  'pension-atp',
  'holiday-pay',
  'income-linked-benefits',
  // docs/journeys.md 6.7 names the branch ("newcomers → journey 11") but no step id; this step is the link.
  'move-to-denmark',
] as const;
export type NewJobStepId = (typeof NEW_JOB_STEP_IDS)[number];

const NEW_JOB_GUIDE = {
  title: 'borger.dk: Guide – hvis du bliver ledig eller får nyt job',
  url: 'https://www.borger.dk/arbejde-dagpenge-ferie/guide--blive-ledig-eller-faa-nyt-job',
};

export const newJobSteps: StepDefinition[] = [
  {
    id: 'tax-card',
    kind: 'automatic',
    system: 'skattestyrelsen',
    title: { da: 'Skattekort: hovedkort eller bikort', en: 'Tax card: main or secondary card' },
    guidance: {
      da:
        'Din arbejdsgiver henter dit skattekort elektronisk (eSkattekort); du skal ikke aflevere noget. Men du skal selv vælge, hvem ' +
        'der bruger hovedkortet: det kan kun bruges af én udbetaler ad gangen, og alle andre trækker skat efter bikortet. Er det nye ' +
        'job din eneste eller største indtægt, så giv det hovedkortet i TastSelv, og fortæl arbejdsgiveren, hvilket kort de skal ' +
        'bruge. Vi tjekker, at arbejdsgiveren har hentet kortet, og siger til, hvis det ikke sker. Er du ny i Danmark og har intet ' +
        'skattekort, trækker arbejdsgiveren 55 % i skat.',
      en:
        'Your employer fetches your tax card electronically (eSkattekort); you hand in nothing. But you choose who uses the main card ' +
        '(hovedkort): only one payer can use it at a time, and every other payer withholds tax by the secondary card (bikort). If the ' +
        'new job is your only or largest income, give it the main card in TastSelv and tell the employer which card to use. We check ' +
        'that the employer has fetched the card and tell you if that does not happen. If you are new to Denmark and have no tax card, ' +
        'the employer withholds 55% tax.',
    },
    deadlineRule: {
      da: 'Vælg kort inden første arbejdsdag, så den første løn beskattes rigtigt (praksis, ikke lov).',
      en: 'Choose the card before the first working day so that the first pay is taxed correctly (practice, not law).',
    },
    legalSource: { title: 'borger.dk: Skattekort og frikort', url: 'https://www.borger.dk/oekonomi-skat-su/Skat/Skattekort-og-frikort' },
    task: {
      da: 'Vælg hovedkort eller bikort til dit nye job i TastSelv',
      en: 'Choose the main or secondary tax card for your new job in TastSelv',
    },
  },
  {
    id: 'update-preliminary-tax',
    kind: 'citizen',
    system: 'skattestyrelsen',
    title: { da: 'Ret din forskudsopgørelse', en: 'Update your preliminary tax assessment' },
    guidance: {
      da:
        'Ret forskudsopgørelsen i TastSelv under "Nyt job": skriv den forventede løn for resten af året i rubrik 201. Har du fået ' +
        'dagpenge (rubrik 304) eller kontanthjælp (rubrik 216), så sæt de beløb ned. Så passer dit skattekort til din nye indkomst, og ' +
        'du undgår restskat.',
      en:
        'Update your preliminary assessment in TastSelv under "Nyt job" (new job): enter the expected salary for the rest of the year ' +
        'in field 201. If you have received unemployment benefit (field 304) or social assistance (field 216), lower those amounts. ' +
        'Your tax card then fits your new income and you avoid back tax.',
    },
    legalSource: { title: 'Skattestyrelsen: Nyt job (skat.dk/data.aspx?oid=2247419)', url: 'https://skat.dk/data.aspx?oid=2247419' },
    task: { da: 'Ret din forskudsopgørelse i TastSelv', en: 'Update your preliminary tax assessment in TastSelv' },
    notRelevant: {
      'no-change': {
        da: 'Du har tjekket forskudsopgørelsen, og der var ikke noget at rette.',
        en: 'You checked your preliminary tax assessment and there was nothing to change.',
      },
    },
  },
  {
    id: 'leave-unemployment',
    kind: 'citizen',
    system: 'jobnet',
    title: { da: 'Afmeld dig som ledig', en: 'Leave unemployment' },
    guidance: {
      da:
        'Du var ledig. Får du dagpenge: afmeld dig selv på Jobnet, når du begynder at arbejde fuld tid, og send derefter det sidste ' +
        'dagpengekort til din a-kasse for perioden frem til jobstart. Får du kontanthjælp eller anden hjælp fra kommunen: giv ' +
        'jobcentret besked om jobbet. Du må ikke få ydelse for de dage, du arbejder.',
      en:
        'You were unemployed. On unemployment benefit (dagpenge): deregister yourself on Jobnet when you start full-time work, then ' +
        'send the last monthly claim form (dagpengekort) to your unemployment fund (a-kasse) for the days up to the job. On social ' +
        'assistance or other municipal help: tell the job centre about the job. You may not receive benefit for days you work.',
    },
    deadlineRule: {
      da:
        'Afmeld dig senest første arbejdsdag. Det sidste dagpengekort: inden a-kassens frist; hos en a-kasse 1 måned og 10 dage efter ' +
        'udgangen af den sidste ledige måned (usikkert, om det gælder alle).',
      en:
        'Deregister at the latest on the first working day. The last claim form: within your fund’s time limit; one fund allows 1 ' +
        'month and 10 days after the end of the last month of unemployment (uncertain whether this applies to all).',
    },
    legalSource: { title: 'minakasse.dk: Selvstudie', url: 'https://minakasse.dk/selvstudie/' },
    task: { da: 'Afmeld dig som ledig, og giv besked om dit job', en: 'Deregister as unemployed and report your job' },
    notRelevant: {
      'was-not-unemployed': {
        da: 'Du har svaret, at du ikke var ledig, før du fik jobbet.',
        en: 'You answered that you were not unemployed before the job.',
      },
    },
  },
  {
    id: 'pension-atp',
    kind: 'automatic',
    system: 'employer',
    title: { da: 'ATP og pension', en: 'ATP and pension' },
    guidance: {
      da:
        'Din arbejdsgiver trækker ATP og eventuel arbejdsmarkedspension over lønnen; du skal ikke gøre noget. Vi tjekker i eIndkomst, ' +
        'at den første løn er indberettet, og siger til, hvis den ikke kommer.',
      en:
        'Your employer deducts ATP and any labour-market pension through payroll; you need not do anything. We check in eIndkomst that ' +
        'your first pay has been reported and tell you if it does not appear.',
    },
    deadlineRule: {
      da: 'Den første løn ventes indberettet omkring den 10. i måneden efter første arbejdsmåned (praksis; usikkert).',
      en: 'The first pay is expected to be reported around the 10th of the month after the first month of work (practice; uncertain).',
    },
    legalSource: NEW_JOB_GUIDE,
  },
  {
    id: 'holiday-pay',
    kind: 'citizen',
    system: 'udbetaling-danmark-pension',
    title: { da: 'Feriepenge fra dit tidligere job', en: 'Holiday pay from your previous job' },
    guidance: {
      da:
        'Feriepenge, du har optjent i dit tidligere job, står normalt på FerieKonto hos Udbetaling Danmark. De kommer ikke af sig ' +
        'selv: bed om at få dem udbetalt på borger.dk, når du holder ferie.',
      en:
        'Holiday pay you earned in your previous job is normally held by FerieKonto at Udbetaling Danmark. It is not paid by itself: ' +
        'ask for it on borger.dk when you take holiday.',
    },
    legalSource: NEW_JOB_GUIDE,
    optional: true,
    task: { da: 'Bed om feriepengene fra dit tidligere job', en: 'Ask for the holiday pay from your previous job' },
    notRelevant: {
      'not-needed': {
        da: 'Du har markeret, at du ikke har feriepenge at hente.',
        en: 'You marked that you have no holiday pay to collect.',
      },
      'no-earned-holiday-pay': {
        da: 'Du har svaret, at du ikke har optjente feriepenge, der mangler at blive udbetalt.',
        en: 'You answered that you have no earned holiday pay waiting to be paid.',
      },
    },
  },
  {
    id: 'income-linked-benefits',
    kind: 'citizen',
    system: 'udbetaling-danmark-housing',
    title: { da: 'Boligstøtte og SU', en: 'Housing benefit and SU' },
    guidance: {
      da:
        'Udbetaling Danmark og SU læser din løn i eIndkomst hver måned, men du har stadig pligt til at give besked om ændringer. Får ' +
        'du boligstøtte: giv Udbetaling Danmark besked om din nye indkomst ("Giv besked om ændringer"). Får du SU: tjek, om lønnen ' +
        'giver dig for meget i forhold til SU, og fravælg SU-måneder i minSU, hvis det er bedre end at betale tilbage.',
      en:
        'Udbetaling Danmark and SU read your pay from eIndkomst every month, but you still have a duty to report changes. If you ' +
        'receive housing benefit: tell Udbetaling Danmark about your new income ("Giv besked om ændringer"). If you receive SU: check ' +
        'whether the pay takes you over what SU allows, and opt out of SU months in minSU if that is better than paying back.',
    },
    legalSource: {
      title: 'borger.dk: Boligstøtte – forstå dit brev',
      url: 'https://www.borger.dk/bolig-og-flytning/Boligstoette-oversigt/boligstoette-forstaa-dit-brev',
    },
    task: { da: 'Giv Udbetaling Danmark eller SU besked om din nye løn', en: 'Tell Udbetaling Danmark or SU about your new pay' },
    notRelevant: {
      'no-income-linked-benefits': {
        da: 'Du har svaret, at du hverken får boligstøtte eller SU.',
        en: 'You answered that you receive neither housing benefit nor SU.',
      },
    },
  },
  {
    id: 'move-to-denmark',
    kind: 'citizen',
    title: { da: 'Ny i Danmark', en: 'New to Denmark' },
    guidance: {
      da:
        'Du er ny i Danmark. Vi starter forløbet "Flytte til Danmark", som fører dig gennem opholdsret, CPR-nummer, skattekort og ' +
        'resten. Uden skattekort trækker arbejdsgiveren 55 % i skat, så søg skattekortet i god tid. Trinnet er færdigt, når det forløb ' +
        'er færdigt.',
      en:
        'You are new to Denmark. We start the "Moving to Denmark" journey, which takes you through the right to reside, the CPR ' +
        'number, the tax card and the rest. Without a tax card your employer withholds 55% tax, so apply for it in good time. This ' +
        'step is done when that journey is done.',
    },
    legalSource: { title: 'borger.dk: Skattekort og frikort', url: 'https://www.borger.dk/oekonomi-skat-su/Skat/Skattekort-og-frikort' },
    task: { da: 'Følg forløbet Flytte til Danmark', en: 'Follow the Moving to Denmark journey' },
    notRelevant: {
      'already-living-in-denmark': {
        da: 'Du har svaret, at du allerede bor i Danmark.',
        en: 'You answered that you already live in Denmark.',
      },
    },
  },
];
