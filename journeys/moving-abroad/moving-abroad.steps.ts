/** The steps of moving abroad (docs/journeys.md, moving abroad), in the order the citizen meets them. */
import type { StepDefinition } from '../shared/contract';

export const MOVING_ABROAD_STEP_IDS = [
  'report-emigration',
  'cpr-status-udrejst',
  'tax-liability',
  'benefits-stop',
  // docs/journeys.md names the branch ("EU work: A1/S1, not researched") but no step id.
  'eu-social-security',
] as const;
export type MovingAbroadStepId = (typeof MOVING_ABROAD_STEP_IDS)[number];

export const movingAbroadSteps: StepDefinition[] = [
  {
    id: 'report-emigration',
    kind: 'citizen',
    system: 'borger-dk',
    title: { da: 'Anmeld udrejse', en: 'Report your departure' },
    guidance: {
      da:
        'Anmeld din udrejse til folkeregistret på borger.dk eller lifeindenmark.dk ("Anmeld udrejse") med din udenlandske adresse og ' +
        'udrejsedatoen. Er du væk i højst 6 måneder og har fuld rådighed over din bolig, må du blive registreret i Danmark. Arbejder ' +
        'du i udlandet, men tilbringer de fleste weekender, fridage og ferier i din bolig i Danmark, har du ret til at blive ' +
        'registreret her; det gælder også din ægtefælle eller samlever og jeres børn, hvis de flytter med. Flytter du til et andet ' +
        'nordisk land, skal du også registreres dér, og Danmark registrerer først udrejsen, når det land har bekræftet din ' +
        'indflytning. Flytter du til Grønland, registrerer du dig kun i Grønland. Danske statsborgere kan søge om at blive på ' +
        'valglisten. Senere adresseændringer i udlandet anmelder du i samme selvbetjening.',
      en:
        'Report your departure to the civil register on borger.dk or lifeindenmark.dk ("Anmeld udrejse") with your foreign address and ' +
        'the departure date. If you are away for at most 6 months and keep full use of your home, you may stay registered in Denmark. ' +
        'If you work abroad but spend most weekends, days off and holidays at your home in Denmark, you have the right to stay ' +
        'registered here; so do your spouse or cohabitant and your children if they go with you. If you move to another Nordic ' +
        'country, you must also register there, and Denmark records the departure only once that country has confirmed your arrival. ' +
        'If you move to Greenland, you register only in Greenland. Danish citizens can apply to stay on the electoral roll. Later ' +
        'changes of your foreign address use the same self-service.',
    },
    deadlineRule: {
      da: 'Tidligst 4 uger før og senest 5 dage efter udrejsen. Grønland: fristen dér er ikke undersøgt.',
      en: 'At the earliest 4 weeks before and at the latest 5 days after departure. Greenland: the time limit there is not researched.',
    },
    legalSource: {
      title: 'CPR-loven § 24; norden.org: Flytte fra Danmark til udlandet',
      url: 'https://www.norden.org/da/info-norden/flytte-fra-danmark-til-udlandet',
    },
    task: { da: 'Anmeld din udrejse på borger.dk', en: 'Report your departure on borger.dk' },
    notRelevant: {
      'stays-registered': {
        da: 'Du har svaret, at du bliver registreret i Danmark.',
        en: 'You answered that you are staying registered in Denmark.',
      },
      'municipality-kept-registration': {
        da: 'Kommunen har afgjort, at du bliver registreret i Danmark.',
        en: 'The municipality decided that you stay registered in Denmark.',
      },
    },
  },
  {
    id: 'cpr-status-udrejst',
    kind: 'automatic',
    system: 'cpr',
    title: { da: 'Registreret som udrejst i CPR', en: 'Registered as emigrated in CPR' },
    guidance: {
      da:
        'Når udrejsen er registreret, får du status "udrejst" i CPR (ved flytning til Grønland en grønlandsk adresse), og de andre ' +
        'myndigheder får besked. Din offentlige sygesikring (det gule kort) ophører normalt, når du ikke længere bor i Danmark, fx når ' +
        'du arbejder i udlandet; ved studier i udlandet afhænger det af landet og opholdets længde. Ved flytning til et nordisk land ' +
        'venter registreringen på det andet lands bekræftelse. Vi giver besked, hvis registreringen trækker ud.',
      en:
        'Once the departure is registered, your CPR status becomes "udrejst" (emigrated; for Greenland, a Greenlandic address), and ' +
        'the other authorities are told. Public health cover (the yellow card) normally ends when you no longer live in Denmark, for ' +
        'example when you work abroad; for study abroad it depends on the country and the length of stay. For a move to a Nordic ' +
        'country the registration waits for that country’s confirmation. We tell you if the registration is delayed.',
    },
    deadlineRule: {
      da: 'Ventes inden for 5 arbejdsdage efter udrejse og anmeldelse; fra et nordisk land inden for 6 uger (praksis; usikkert).',
      en: 'Expected within 5 working days after departure and report; from a Nordic country within 6 weeks (practice; uncertain).',
    },
    legalSource: {
      title: 'norden.org: Flytte fra Danmark til udlandet',
      url: 'https://www.norden.org/da/info-norden/flytte-fra-danmark-til-udlandet',
    },
    notRelevant: {
      'stays-registered': {
        da: 'Du bliver registreret i Danmark og registreres derfor ikke som udrejst.',
        en: 'You stay registered in Denmark, so you are not registered as emigrated.',
      },
      'municipality-kept-registration': {
        da: 'Kommunen har afgjort, at du bliver registreret i Danmark.',
        en: 'The municipality decided that you stay registered in Denmark.',
      },
    },
  },
  {
    id: 'tax-liability',
    kind: 'citizen',
    system: 'skattestyrelsen',
    title: { da: 'Afklar din skattepligt', en: 'Settle your tax liability' },
    guidance: {
      da:
        'Ring til Skattestyrelsen cirka en uge efter, at du er afmeldt i CPR, og udfyld blanket 04.029, hvis du bliver bedt om det. ' +
        'Din fulde skattepligt ophører først, når din bolig er solgt, opsagt eller uopsigeligt udlejet i mindst 3 år. Indkomst fra ' +
        'Danmark bliver ved med at være skattepligtig her (begrænset skattepligt). Har du aktier for 100.000 kr. eller mere, kan du ' +
        'skulle betale fraflytterskat. Behold en NemKonto (en udenlandsk konto er tilladt), og luk en eventuel virksomhed på virk.dk.',
      en:
        'Call the Danish Tax Agency about a week after you are deregistered in CPR, and fill in form 04.029 if asked. Full tax ' +
        'liability ends only when your home is sold, terminated, or let for at least 3 years without notice. Income from Denmark stays ' +
        'taxable here (limited liability). Shares worth 100,000 kr or more can trigger exit tax. Keep a NemKonto (a foreign account is ' +
        'allowed), and close any business on virk.dk.',
    },
    deadlineRule: {
      da: 'Cirka en uge efter afmeldingen i CPR, når Skattestyrelsen har fået oplysningen (praksis).',
      en: 'About a week after deregistration in CPR, once the Tax Agency has the information (practice).',
    },
    legalSource: { title: 'Skattestyrelsen: Du flytter fra Danmark; blanket 04.029', url: 'https://skat.dk' },
    task: { da: 'Ring til Skattestyrelsen om din skattepligt', en: 'Call the Danish Tax Agency about your tax liability' },
    notRelevant: {
      'stays-registered': {
        da: 'Du bliver registreret i Danmark, så der er ingen udrejse at afklare med Skattestyrelsen.',
        en: 'You stay registered in Denmark, so there is no departure to settle with the Tax Agency.',
      },
      'municipality-kept-registration': {
        da: 'Kommunen har afgjort, at du bliver registreret i Danmark.',
        en: 'The municipality decided that you stay registered in Denmark.',
      },
    },
  },
  {
    id: 'benefits-stop',
    kind: 'citizen',
    system: 'udbetaling-danmark',
    title: { da: 'Ydelser, der stopper eller skal meldes', en: 'Benefits that stop or must be reported' },
    guidance: {
      da:
        'Børne- og ungeydelse stopper, når du flytter permanent; Udbetaling Danmark ser det i CPR. Arbejder du stadig i Danmark, kan ' +
        'du beholde den: giv Udbetaling Danmark besked. Får du boligstøtte, skal du give Udbetaling Danmark besked om opholdet, før du ' +
        'rejser: er du væk mere end 6 måneder inden for et år, ophører retten til boligstøtte fra den dag, opholdet begyndte, og ' +
        'boligstøtte, du har fået siden, skal betales tilbage. Giv også besked, hvis du flytter fra boligen. SU og pension i udlandet ' +
        'kræver deres egne ansøgninger eller meddelelser: giv minSU og Udbetaling Danmark besked.',
      en:
        'Child benefit stops when you move permanently; Udbetaling Danmark sees this in CPR. If you still work in Denmark, you may ' +
        'keep it: tell Udbetaling Danmark. If you receive housing benefit, report the stay to Udbetaling Danmark before you leave: ' +
        'away more than 6 months within a year ends the right to housing benefit from the day the stay began, and benefit received ' +
        'since must be paid back. Report it too if you leave the home. SU and pensions abroad need their own applications or notices: ' +
        'tell minSU and Udbetaling Danmark.',
    },
    deadlineRule: {
      da: 'Boligstøtte: giv besked, før du rejser.',
      en: 'Housing benefit: report before you leave.',
    },
    legalSource: {
      title: 'borger.dk: Når du får boligstøtte',
      url: 'https://www.borger.dk/bolig-og-flytning/Boligstoette-oversigt/naar-du-faar-boligstoette',
    },
    task: { da: 'Giv Udbetaling Danmark besked om dine ydelser', en: 'Tell Udbetaling Danmark about your benefits' },
    notRelevant: {
      'no-benefits-affected': {
        da: 'Du har svaret, at du ikke får ydelser, der stopper eller skal meldes.',
        en: 'You answered that you receive no benefits that stop or must be reported.',
      },
    },
  },
  {
    id: 'eu-social-security',
    kind: 'citizen',
    system: 'udbetaling-danmark',
    title: { da: 'Social sikring ved arbejde i EU/EØS (A1/S1)', en: 'Social security for work in the EU/EEA (A1/S1)' },
    guidance: {
      da:
        'Du skal arbejde i et andet EU/EØS-land eller Schweiz. Så kan det have betydning, hvilket lands sociale sikring du hører ' +
        'under, og om du skal have en blanket A1 eller S1. Det er ikke undersøgt i denne guide: spørg Udbetaling Danmark, før du ' +
        'rejser, og marker trinnet som klaret eller ikke relevant.',
      en:
        'You are going to work in another EU/EEA country or Switzerland. Which country’s social security covers you, and whether you ' +
        'need an A1 or S1 certificate, may then matter. This guide has not researched it: ask Udbetaling Danmark before you leave, and ' +
        'mark the step as handled or not relevant.',
    },
    // No source: docs/journeys.md marks A1/S1 as not researched.
    optional: true,
    task: { da: 'Spørg Udbetaling Danmark, om du skal have en A1 eller S1', en: 'Ask Udbetaling Danmark whether you need an A1 or S1' },
    notRelevant: {
      'not-needed': { da: 'Du har svaret, at du ikke skal bruge en A1 eller S1.', en: 'You answered that you do not need an A1 or S1.' },
      'not-working-in-eu-eea': {
        da: 'Du skal ikke arbejde i et andet EU/EØS-land eller Schweiz.',
        en: 'You are not going to work in another EU/EEA country or Switzerland.',
      },
    },
  },
];
