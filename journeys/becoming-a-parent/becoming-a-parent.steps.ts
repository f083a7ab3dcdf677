/** The steps of becoming a parent (docs/journeys.md section 4), in the order the parents meet them. */
import type { StepDefinition } from '../shared/contract';

export const PARENT_STEP_IDS = [
  'notify-employer',
  'birth-registration',
  'paternity',
  'naming',
  'child-benefit',
  'employer-leave-report',
  'apply-maternity-benefit',
  'daycare-signup',
  'update-preliminary-tax',
] as const;
export type ParentStepId = (typeof PARENT_STEP_IDS)[number];

const BARSEL_GUIDE = {
  title: 'borger.dk: Skal jeg søge min barsel?',
  url: 'https://www.borger.dk/familie-og-boern/barsel-oversigt/skal-jeg-soege-min-barsel',
};

export const parentSteps: StepDefinition[] = [
  {
    id: 'notify-employer',
    kind: 'citizen',
    system: 'employer',
    title: { da: 'Giv din arbejdsgiver besked om barsel', en: 'Tell your employer about the leave' },
    guidance: {
      da:
        'Du er ansat, så du skal fortælle din arbejdsgiver, at du venter barn: som mor senest 3 måneder før terminen, som far eller ' +
        'medmor senest 4 uger før. Efter fødslen skal du inden for 6 uger fortælle, hvordan du vil holde din orlov (orlovsplan; 8 uger ' +
        'for børn født før 2. august 2022). Giver du besked for sent, kan du miste retten til at holde orloven, som du ønsker.',
      en:
        'You are employed, so you must tell your employer that you are expecting a child: as the mother at the latest 3 months before ' +
        'the due date, as the father or co-mother at the latest 4 weeks before. After the birth you must, within 6 weeks, tell your ' +
        'employer how you will take your leave (a leave plan; 8 weeks for children born before 2 August 2022). Telling them late can ' +
        'cost you the right to take the leave the way you want.',
    },
    deadlineRule: {
      da: 'Mor: senest 3 måneder før terminen. Far/medmor: senest 4 uger før terminen. Orlovsplan: senest 6 uger efter fødslen.',
      en:
        'Mother: at the latest 3 months before the due date. Father/co-mother: at the latest 4 weeks before the due date. Leave plan: ' +
        'at the latest 6 weeks after the birth.',
    },
    legalSource: {
      title: 'Barselsloven § 15 (underretning af arbejdsgiveren); ase.dk: Hvornår fortæller man om graviditet',
      url: 'https://www.ase.dk/faa-svar/paa-barsel/hvornaar-fortaeller-man-om-graviditet',
    },
    task: { da: 'Giv din arbejdsgiver besked om din barsel', en: 'Tell your employer about your parental leave' },
    notRelevant: {
      'not-employed': { da: 'Du har ingen arbejdsgiver, der skal have besked.', en: 'You have no employer to tell.' },
    },
  },
  {
    id: 'birth-registration',
    kind: 'automatic',
    system: 'parish-registrar',
    title: { da: 'Fødslen registreres', en: 'The birth is registered' },
    guidance: {
      da:
        'Jordemoderen eller hospitalet anmelder fødslen til kirkebogsføreren (i Sønderjylland kommunen), som registrerer barnet i CPR. ' +
        'Barnet får sit CPR-nummer med det samme. Du skal ikke gøre noget; vi giver besked, hvis registreringen trækker ud.',
      en:
        'The midwife or hospital reports the birth to the parish registrar (the municipality in South Jutland), who registers the ' +
        'child in CPR. The child gets a CPR number straight away. You need not do anything; we tell you if the registration is delayed.',
    },
    deadlineRule: {
      da:
        'Straks efter fødslen. Vi markerer trinnet som forsinket, hvis fødslen ikke er registreret 3 uger efter terminen (praksis, ' +
        'ikke lov).',
      en:
        'Immediately after the birth. We flag the step as delayed if no birth is registered 3 weeks after the due date (practice, not ' +
        'law).',
    },
    legalSource: { title: 'CPR-loven; fødselsanmeldelse til kirkebogsføreren (personregistrering)' },
  },
  {
    id: 'paternity',
    kind: 'citizen',
    system: 'parish-registrar',
    title: { da: 'Faderskab eller medmoderskab og forældremyndighed', en: 'Paternity or co-maternity and custody' },
    guidance: {
      da:
        'Er moren gift, bliver ægtefællen automatisk registreret som far eller medmor sammen med fødslen, og I får fælles ' +
        'forældremyndighed; vi venter på bekræftelsen fra CPR. Er I ikke gift, skal I begge underskrive en omsorgs- og ' +
        'ansvarserklæring på borger.dk med MitID senest 4 uger efter fødslen. Så bliver faderskabet eller medmoderskabet registreret, ' +
        'og I får fælles forældremyndighed. Når fristen er overskredet, eller hvis der er tvivl om, hvem der er forælder, afgør ' +
        'Familieretshuset sagen.',
      en:
        'If the mother is married, her spouse is registered as father or co-mother automatically together with the birth, and you get ' +
        'joint custody; we wait for the confirmation from CPR. If you are not married, you must both sign a declaration of care and ' +
        'responsibility (omsorgs- og ansvarserklæring) on borger.dk with MitID at the latest 4 weeks after the birth. That registers ' +
        'the paternity or co-maternity and gives you joint custody. After the deadline, or if parentage is disputed, the Agency of ' +
        'Family Law (Familieretshuset) decides.',
    },
    deadlineRule: {
      da: 'Ugifte: omsorgs- og ansvarserklæringen senest 4 uger efter fødslen (14 dage for børn født før 1. juli 2020).',
      en: 'Unmarried parents: the declaration at the latest 4 weeks after the birth (14 days for children born before 1 July 2020).',
    },
    legalSource: {
      title: 'Børneloven; vejledning nr. 9608 af 28. august 2024 om registrering af faderskab og medmoderskab',
      url: 'https://themis.dk/synopsis/docs/Lovsamling/Vejledning_om_registrering_af_faderskab_og_medmoderskab_2024.html',
    },
    task: {
      da: 'Underskriv omsorgs- og ansvarserklæringen på borger.dk',
      en: 'Sign the declaration of care and responsibility on borger.dk',
    },
  },
  {
    id: 'naming',
    kind: 'citizen',
    system: 'parish-registrar',
    title: { da: 'Giv barnet navn', en: 'Name the child' },
    guidance: {
      da:
        'Giv barnet navn på borger.dk ("Navngivning") eller ved dåb senest 6 måneder efter fødslen. Alle med forældremyndighed skal ' +
        'underskrive; den anden skal skrive under inden 14 dage, ellers bortfalder anmodningen. Får barnet ikke et efternavn, får det ' +
        'morens; får det ikke et fornavn, kan I få en bøde. Ansøgningen går til personregisterføreren i jeres sogn (i Sønderjylland ' +
        'kommunen), som sender visse sager, fx nydannede efternavne, videre til Familieretshuset. Trinnet er færdigt, når navnet er ' +
        'registreret. Barnets sundhedskort kommer ca. 14 dage efter navngivningen.',
      en:
        'Name the child on borger.dk ("Navngivning") or at baptism at the latest 6 months after the birth. Everyone with custody must ' +
        "sign; the second signature must follow within 14 days or the request lapses. A child given no surname gets the mother's; " +
        'giving no first name can lead to a fine. The application goes to the registrar of your parish (in South Jutland the ' +
        'municipality), who passes some cases, such as newly formed surnames, on to the Agency of Family Law (Familieretshuset). The ' +
        "step is done when the name is registered. The child's health card arrives about 14 days after the naming.",
    },
    deadlineRule: { da: 'Senest 6 måneder efter fødslen.', en: 'At the latest 6 months after the birth.' },
    legalSource: {
      title: 'Navneloven § 1; Familieretshuset: Navne',
      url: 'https://familieretshuset.dk/navne/navne/hvem-behandler-din-ansoegning-og-kan-du-klage',
    },
    task: { da: 'Giv barnet navn på borger.dk', en: 'Name the child on borger.dk' },
  },
  {
    id: 'child-benefit',
    kind: 'automatic',
    system: 'udbetaling-danmark',
    title: { da: 'Børne- og ungeydelse', en: 'Child benefit' },
    guidance: {
      da:
        'Udbetaling Danmark udbetaler børneydelse automatisk hvert kvartal fra kvartalet efter fødslen. Bor I sammen og har fælles ' +
        'forældremyndighed, deles ydelsen 50/50 til hver jeres NemKonto. Beløbet afhænger af, hvor mange af de sidste 10 år I har boet ' +
        'eller arbejdet i Danmark (optjening). Arbejder eller bor en af jer i et andet EU/EØS-land, kommer ydelsen ikke automatisk: så ' +
        'skal I søge hos Udbetaling Danmark.',
      en:
        'Payment Denmark (Udbetaling Danmark) pays child benefit automatically every quarter from the quarter after the birth. If you ' +
        "live together and share custody, it is split 50/50 to each parent's NemKonto. The amount depends on how many of the last 10 " +
        'years you have lived or worked in Denmark (accrual). If one of you works or lives in another EU/EEA country, the benefit is ' +
        'not automatic: you must apply to Udbetaling Danmark.',
    },
    deadlineRule: {
      da:
        'Automatisk: vi markerer trinnet som forsinket, hvis den første udbetaling ikke er bekræftet 10 dage efter den 20. i ' +
        'kvartalets første måned (praksis, usikkert).',
      en:
        "Automatic: we flag the step as delayed if the first payment is not confirmed 10 days after the 20th of the quarter's first " +
        'month (practice, uncertain).',
    },
    legalSource: {
      title: 'borger.dk: Børne- og ungeydelse',
      url: 'https://www.borger.dk/familie-og-boern/Familieydelser-oversigt/Boerne-ungeydelse',
    },
    task: { da: 'Søg børneydelse hos Udbetaling Danmark', en: 'Apply for child benefit at Udbetaling Danmark' },
  },
  {
    id: 'employer-leave-report',
    kind: 'authority',
    system: 'employer',
    title: { da: 'Arbejdsgiveren indberetter orloven', en: 'Your employer reports the leave' },
    guidance: {
      da:
        'Din arbejdsgiver indberetter din orlov i NemRefusion på virk.dk. Stopper lønnen, sender Udbetaling Danmark dig et brev om at ' +
        'søge barselsdagpenge. Får du løn under orloven, søger arbejdsgiveren selv refusion senest 8 uger efter, at orloven er slut. ' +
        'Du skal ikke gøre noget her; vi giver besked, hvis indberetningen trækker ud.',
      en:
        'Your employer reports your leave in NemRefusion on virk.dk. If your salary stops, Payment Denmark sends you a letter asking ' +
        'you to apply for maternity/parental benefit. If you are paid during the leave, the employer claims the reimbursement within 8 ' +
        'weeks after the leave ends. You need not do anything here; we tell you if the report is delayed.',
    },
    deadlineRule: {
      da: 'Vi markerer trinnet som forsinket, hvis indberetningen ikke er kommet 4 uger efter fødslen (praksis, usikkert).',
      en: 'We flag the step as delayed if no report has arrived 4 weeks after the birth (practice, uncertain).',
    },
    legalSource: {
      title: 'virk.dk: Barselsdagpenge – arbejdsgiver',
      url: 'https://virk.dk/vejledning/ba-barselsdagpenge/ba-arbejdsgiver/',
    },
    notRelevant: {
      'not-employed': { da: 'Du har ingen arbejdsgiver, der skal indberette orloven.', en: 'You have no employer to report the leave.' },
    },
  },
  {
    id: 'apply-maternity-benefit',
    kind: 'citizen',
    system: 'udbetaling-danmark',
    title: { da: 'Søg barselsdagpenge', en: 'Apply for maternity/parental benefit' },
    guidance: {
      da:
        'Søg barselsdagpenge i Udbetaling Danmarks selvbetjening senest 8 uger efter, at din løn er stoppet (for ledige og ' +
        'selvstændige: 8 uger efter første fraværsdag). Søger du for sent, får du kun dagpenge fra den dag, ansøgningen er modtaget. ' +
        'Har du ikke ret til barselsdagpenge (fx under uddannelse med SU), kan du markere det.',
      en:
        "Apply for maternity/parental benefit (barselsdagpenge) in Payment Denmark's self-service at the latest 8 weeks after your " +
        'salary stops (unemployed and self-employed: 8 weeks after the first day of leave). If you apply late, you are only paid from ' +
        'the day the application is received. If you are not entitled (for example as a student on SU), you can mark that.',
    },
    deadlineRule: {
      da: 'Senest 8 uger efter lønstop (uden arbejdsgiver: 8 uger efter første fraværsdag).',
      en: 'At the latest 8 weeks after the salary stops (without an employer: 8 weeks after the first day of leave).',
    },
    legalSource: BARSEL_GUIDE,
    task: { da: 'Søg barselsdagpenge hos Udbetaling Danmark', en: 'Apply for maternity/parental benefit at Udbetaling Danmark' },
    notRelevant: {
      'salary-during-leave': {
        da: 'Din arbejdsgiver betaler løn under orloven og får selv refusionen.',
        en: 'Your employer pays your salary during the leave and claims the reimbursement.',
      },
      'not-entitled': {
        da: 'Du har svaret, at du ikke har ret til barselsdagpenge.',
        en: 'You answered that you are not entitled to maternity/parental benefit.',
      },
    },
  },
  {
    id: 'daycare-signup',
    kind: 'citizen',
    system: 'digital-pladsanvisning',
    title: { da: 'Skriv barnet op til dagtilbud', en: 'Sign the child up for daycare' },
    guidance: {
      da:
        'Når barnet har et CPR-nummer, kan du skrive det op til dagpleje eller vuggestue i kommunens Digital Pladsanvisning. Kommunen ' +
        'skal tilbyde en plads fra barnet er 26 uger (pasningsgaranti), men hvor lang tid før du skal skrive barnet op, afhænger af ' +
        'kommunen: skriv op i god tid.',
      en:
        "Once the child has a CPR number, you can sign it up for childminding or a nursery in the municipality's Digital " +
        'Pladsanvisning. The municipality must offer a place from when the child is 26 weeks old (childcare guarantee), but the notice ' +
        'it needs varies by municipality: sign up in good time.',
    },
    legalSource: { title: 'Dagtilbudsloven § 23 (pasningsgaranti)' },
    optional: true,
    task: { da: 'Skriv barnet op til dagpleje eller vuggestue', en: 'Sign the child up for childminding or a nursery' },
    notRelevant: {
      'not-needed': {
        da: 'Du har svaret, at barnet ikke skal have en plads i dagtilbud.',
        en: 'You answered that the child does not need a daycare place.',
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
        'Når du har søgt barselsdagpenge, skal du skrive de forventede dagpenge i rubrik 304 i din forskudsopgørelse i TastSelv og ' +
        'sænke lønnen tilsvarende, så du betaler den rigtige skat i løbet af året. Får du fuld løn under orloven, eller har du ikke ' +
        'ret til barselsdagpenge, er der ikke noget at rette her.',
      en:
        'Once you have applied for maternity/parental benefit, enter the expected benefit in field 304 of your preliminary tax ' +
        'assessment in TastSelv and lower the salary accordingly, so that you pay the right tax during the year. If you keep your full ' +
        'salary during the leave, or are not entitled to the benefit, there is nothing to change here.',
    },
    legalSource: { title: 'Skattestyrelsen: Forskudsopgørelse (TastSelv)', url: 'https://skat.dk' },
    task: { da: 'Ret din forskudsopgørelse i TastSelv', en: 'Update your preliminary tax assessment in TastSelv' },
    notRelevant: {
      'salary-continues': {
        da: 'Du får løn under orloven, så der er ikke noget at rette.',
        en: 'You are paid your salary during the leave, so there is nothing to change.',
      },
      'no-benefit': {
        da: 'Du får ikke barselsdagpenge, så der er ikke noget at rette.',
        en: 'You do not receive maternity/parental benefit, so there is nothing to change.',
      },
      'no-change': {
        da: 'Du har tjekket forskudsopgørelsen, og der var ikke noget at rette.',
        en: 'You checked your preliminary tax assessment and there was nothing to change.',
      },
    },
  },
];
