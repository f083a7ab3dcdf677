/** The steps of becoming a digital citizen at 15 (docs/journeys.md section 1), in the order the young person meets them. */
import type { LegalSource, StepDefinition } from '../shared/contract';

export const DIGITAL_CITIZEN_STEP_IDS = [
  'dp-parent-notice',
  'dp-mailbox-created',
  'frikort-created',
  'get-mitid',
  'dp-first-login',
  'ungeydelse-switch',
  'own-gp-choice',
] as const;
export type DigitalCitizenStepId = (typeof DIGITAL_CITIZEN_STEP_IDS)[number];

const DIGITAL_POST_AT_15: LegalSource = {
  title: 'Randers Kommune: Digital Post for dig på 15 år (randers.dk)',
};
const MITID_AT_15: LegalSource = {
  title: 'MitID: Når du fylder 15 år',
  url: 'https://www.mitid.dk/en-gb/help/help-universe/15-years-old/',
};

export const digitalCitizenSteps: StepDefinition[] = [
  {
    id: 'dp-parent-notice',
    kind: 'automatic',
    system: 'digital-post',
    title: { da: 'Brev til forældrene', en: 'Letter to the parents' },
    guidance: {
      da:
        'Cirka tre uger før din 15-års fødselsdag skriver Digitaliseringsstyrelsen til dine forældre, at de ikke længere får din ' +
        'offentlige post, og at du får din egen digitale postkasse. Brevet kommer i forældrenes Digital Post, eller med almindelig ' +
        'post, hvis de er fritaget. Du og dine forældre skal ikke gøre noget. Vi giver besked, hvis brevet ikke er sendt til tiden.',
      en:
        'About three weeks before your 15th birthday the Agency for Digital Government writes to your parents that they will no longer ' +
        'receive your public mail and that you get your own digital mailbox. The letter goes to the parents’ Digital Post, or by ' +
        'ordinary mail if they are exempt. Neither you nor your parents need do anything. We tell you if the letter is not sent on ' +
        'time.',
    },
    deadlineRule: {
      da: 'Sendes cirka 3 uger før 15-års fødselsdagen (digitalt), med papirpost lidt senere fremme.',
      en: 'Sent about 3 weeks before the 15th birthday (digitally); paper letters arrive a little later.',
    },
    legalSource: DIGITAL_POST_AT_15,
    notRelevant: {
      'no-parent-in-cpr': {
        da: 'Der er ingen forældre registreret i CPR, som skal have brevet.',
        en: 'No parents are registered in CPR to receive the letter.',
      },
    },
  },
  {
    id: 'dp-mailbox-created',
    kind: 'automatic',
    system: 'digital-post',
    title: { da: 'Din egen Digital Post', en: 'Your own Digital Post' },
    guidance: {
      da:
        'På din 15-års fødselsdag får du automatisk din egen postkasse i Digital Post (borger.dk, mit.dk eller e-Boks). Fra da af ' +
        'sender myndighederne breve til dig og ikke til dine forældre. Kan du ikke bruge Digital Post, kan du søge om fritagelse i ' +
        'Borgerservice; så får du brevene på papir.',
      en:
        'On your 15th birthday you automatically get your own Digital Post mailbox (borger.dk, mit.dk or e-Boks). From then on the ' +
        'authorities write to you, not to your parents. If you cannot use Digital Post, you can apply for an exemption at ' +
        'Borgerservice; then your letters come on paper.',
    },
    deadlineRule: { da: 'Oprettes på 15-års fødselsdagen.', en: 'Created on the 15th birthday.' },
    legalSource: { title: 'Lov om Digital Post fra offentlige afsendere; Randers Kommune: Digital Post for dig på 15 år' },
    notRelevant: {
      exempt: {
        da: 'Du er fritaget for Digital Post og får dine breve på papir.',
        en: 'You are exempt from Digital Post and get your letters on paper.',
      },
    },
  },
  {
    id: 'frikort-created',
    kind: 'automatic',
    system: 'skattestyrelsen',
    title: { da: 'Frikort fra Skattestyrelsen', en: 'Tax exemption card (frikort)' },
    guidance: {
      da:
        'I det år du fylder 15, laver Skattestyrelsen et frikort til dig, så du kan tjene et vist beløb uden at betale skat. Har du et ' +
        'job, skal du logge på TastSelv og skrive, hvad du regner med at tjene i år (forskudsopgørelsen). Så får du det rigtige ' +
        'skattekort, og du undgår restskat.',
      en:
        'In the year you turn 15 the Danish Tax Agency creates a tax exemption card (frikort) for you, so you can earn a certain ' +
        'amount tax-free. If you have a job, log on to TastSelv and enter what you expect to earn this year (the preliminary ' +
        'assessment). That gives you the right tax card and avoids back taxes.',
    },
    deadlineRule: {
      da: 'I løbet af det år du fylder 15 (vi forventer det senest kort efter fødselsdagen).',
      en: 'During the year you turn 15 (we expect it shortly after the birthday at the latest).',
    },
    legalSource: { title: 'borger.dk: Skattekort og frikort', url: 'https://www.borger.dk/oekonomi-skat-su/Skat/Skattekort-og-frikort' },
    task: { da: 'Skriv din forventede indkomst i TastSelv', en: 'Enter your expected income in TastSelv' },
  },
  {
    id: 'get-mitid',
    kind: 'citizen',
    system: 'mitid',
    title: { da: 'Få MitID', en: 'Get MitID' },
    guidance: {
      da:
        'Du skal bruge MitID for at læse din Digital Post og for at bruge borger.dk. Du kan få det i din bank, selv i MitID-appen, ' +
        'hvis du har et pas med chip, eller i Borgerservice. I Borgerservice skal du have billedlegitimation med (pas eller kørekort) ' +
        'og svare på spørgsmål om dit CPR-nummer, eller have en person over 18 med som vidne. Vi kan booke tid i Borgerservice for ' +
        'dig. Det er muligt fra 13 år med begrænsninger.',
      en:
        'You need MitID to read your Digital Post and to use borger.dk. You can get it at your bank, yourself in the MitID app if you ' +
        'have a passport with a chip, or at Borgerservice. At Borgerservice bring photo ID (passport or driving licence) and answer ' +
        'questions about your CPR number, or bring a witness over 18. We can book a Borgerservice appointment for you. It is possible ' +
        'from age 13 with limits.',
    },
    deadlineRule: {
      da: 'Så hurtigt som muligt, helst før 15-års fødselsdagen, så du kan læse din post fra første dag (praksis, ikke lov).',
      en: 'As soon as possible, ideally before the 15th birthday so you can read your mail from day one (practice, not law).',
    },
    legalSource: MITID_AT_15,
    task: { da: 'Få MitID i banken, i appen eller i Borgerservice', en: 'Get MitID at your bank, in the app or at Borgerservice' },
    notRelevant: {
      'already-has-mitid': { da: 'Du har allerede MitID.', en: 'You already have MitID.' },
    },
  },
  {
    id: 'dp-first-login',
    kind: 'citizen',
    system: 'digital-post',
    title: { da: 'Log på Digital Post første gang', en: 'Log on to Digital Post for the first time' },
    guidance: {
      da:
        'Log på din Digital Post med MitID, og slå besked på sms eller e-mail til, så du opdager nye breve. Du kan give dine forældre ' +
        'læseadgang til din post, hvis du vil; det er frivilligt, og du kan altid trække det tilbage.',
      en:
        'Log on to your Digital Post with MitID and turn on text or e-mail alerts so you notice new letters. If you want, you can give ' +
        'your parents read access to your mail; it is voluntary and you can withdraw it at any time.',
    },
    legalSource: DIGITAL_POST_AT_15,
    task: { da: 'Log på Digital Post, og slå beskeder til', en: 'Log on to Digital Post and turn on alerts' },
    notRelevant: {
      exempt: { da: 'Du er fritaget for Digital Post.', en: 'You are exempt from Digital Post.' },
    },
  },
  {
    id: 'ungeydelse-switch',
    kind: 'automatic',
    system: 'udbetaling-danmark',
    title: { da: 'Børneydelse bliver til ungeydelse', en: 'Child benefit becomes youth benefit' },
    guidance: {
      da:
        'Fra måneden efter din 15-års fødselsdag bliver børneydelsen, der udbetales hvert kvartal, til ungeydelse, der udbetales hver ' +
        'måned. Den udbetales stadig til dine forældre. Ingen skal søge; Udbetaling Danmark gør det automatisk.',
      en:
        'From the month after your 15th birthday the quarterly child benefit becomes a monthly youth benefit (ungeydelse). It is still ' +
        'paid to your parents. Nobody needs to apply; Payment Denmark does it automatically.',
    },
    deadlineRule: {
      da: 'Første månedlige udbetaling i måneden efter 15-års fødselsdagen.',
      en: 'First monthly payment in the month after the 15th birthday.',
    },
    legalSource: { title: 'Børne- og ungeydelsesloven § 5', url: 'https://danskelove.dk/b%C3%B8rne-og-ungeydelsesloven/5' },
  },
  {
    id: 'own-gp-choice',
    kind: 'citizen',
    system: 'health-insurance',
    title: { da: 'Vælg din egen læge', en: 'Choose your own doctor' },
    guidance: {
      da:
        'Når du er 15, må du selv vælge læge; indtil nu har du haft dine forældres. Du kan beholde lægen eller vælge en anden med åben ' +
        'liste under "Skift læge" på borger.dk. Skifter du inden for 60 dage efter fødselsdagen, er det gratis; bagefter koster det et ' +
        'gebyr. Du får automatisk et nyt sundhedskort med den nye læge.',
      en:
        'At 15 you may choose your own doctor; until now you have had your parents’. You can keep the doctor or choose another with an ' +
        'open list under "Skift læge" on borger.dk. Changing within 60 days after the birthday is free; afterwards there is a fee. You ' +
        'automatically get a new health card showing the new doctor.',
    },
    deadlineRule: {
      da: 'Gratis inden for 60 dage efter 15-års fødselsdagen (kun én kommunes side siger dette; usikkert).',
      en: 'Free within 60 days after the 15th birthday (only one municipality’s page says so; uncertain).',
    },
    legalSource: { title: 'Odense Kommune: Sundhedskort (odense.dk)' },
    optional: true,
    task: { da: 'Vælg, om du vil beholde din læge', en: 'Choose whether to keep your doctor' },
    notRelevant: {
      'kept-current-doctor': { da: 'Du har valgt at beholde din læge.', en: 'You chose to keep your doctor.' },
    },
  },
];
