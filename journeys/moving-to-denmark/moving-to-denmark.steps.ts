/** The steps of moving to Denmark (docs/journeys.md section 11), in the order the newcomer meets them. */
import type { LegalSource, StepDefinition } from '../shared/contract';

export const MOVING_TO_DENMARK_STEP_IDS = [
  'right-to-reside',
  'register-cpr',
  'gp-and-health-card',
  'residence-card',
  'digital-post-mitid',
  'tax-card',
  'bank-nemkonto',
  'family-benefits',
] as const;
export type MovingToDenmarkStepId = (typeof MOVING_TO_DENMARK_STEP_IDS)[number];

const NEW_CITIZEN_CPR: LegalSource = {
  title: 'newcitizen.dk: Step 2 – CPR number, health insurance card and choice of family doctor',
  lang: 'en',
  url: 'https://www.newcitizen.dk',
};

export const movingToDenmarkSteps: StepDefinition[] = [
  {
    id: 'right-to-reside',
    kind: 'citizen',
    system: 'siri',
    title: { da: 'Ret til ophold', en: 'Right to reside' },
    guidance: {
      da:
        'Reglerne afhænger af dit statsborgerskab. Nordiske statsborgere skal ikke have opholdstilladelse. EU/EØS- og schweiziske ' +
        'borgere må arbejde fra første dag, men skal søge et registreringsbevis (EU-opholdsdokument) online hos Styrelsen for ' +
        'International Rekruttering og Integration (SIRI), senest når de har været her i 3 måneder (6 måneder, hvis de søger arbejde), ' +
        'og derefter møde personligt op hos SIRI eller i et International Citizen Service-center (ICS) inden for 14 dage. Andre skal ' +
        'have opholdstilladelse fra SIRI eller Udlændingestyrelsen (nyidanmark.dk), før de rejser ind; brevet med tilladelsen giver et ' +
        'administrativt CPR-nummer. Uden registreringsbevis eller opholdstilladelse kan du ikke blive registreret i CPR.',
      en:
        'The rules depend on your citizenship. Nordic citizens need no permit. EU/EEA and Swiss citizens may work from the first day, ' +
        'but must apply online to the Agency for International Recruitment and Integration (SIRI) for an EU residence document ' +
        '(registreringsbevis) by the time they have been here 3 months (6 months if they are looking for work), and then appear in ' +
        'person at SIRI or an International Citizen Service centre (ICS) within 14 days. Everyone else needs a residence permit from ' +
        'SIRI or the Danish Immigration Service (nyidanmark.dk) before arriving; the permit letter gives an administrative CPR number. ' +
        'Without the EU document or a permit you cannot be registered in CPR.',
    },
    deadlineRule: {
      da:
        'EU/EØS/Schweiz: søg senest 3 måneder efter indrejsen (6 måneder, hvis du søger arbejde), og mød op inden for 14 dage efter ' +
        'ansøgningen. Opholdstilladelse: før indrejsen.',
      en:
        'EU/EEA/Switzerland: apply at the latest 3 months after arrival (6 months if you are looking for work), and appear within 14 ' +
        'days of applying. Residence permit: before arrival.',
    },
    legalSource: {
      title: 'nyidanmark.dk: Yes to residence permit; international.aarhus.dk: EU step-by-step guide',
      lang: 'en',
      url: 'https://www.nyidanmark.dk',
    },
    task: {
      da: 'Søg registreringsbevis, og mød op hos SIRI eller ICS',
      en: 'Apply for the EU residence document and appear at SIRI or ICS',
    },
    notRelevant: {
      'nordic-citizen-no-permit': {
        da: 'Som nordisk statsborger skal du hverken have opholdstilladelse eller registreringsbevis.',
        en: 'As a Nordic citizen you need neither a residence permit nor an EU residence document.',
      },
    },
  },
  {
    id: 'register-cpr',
    kind: 'caseworker',
    system: 'cpr',
    title: { da: 'Bliv registreret i CPR', en: 'Register in CPR' },
    guidance: {
      da:
        'Du skal registreres i CPR (folkeregistret) senest 5 dage efter, at du har taget fast bopæl i Danmark. Udfyld først ' +
        'ansøgningen online, og mød så personligt op i Borgerservice i din kommune eller i et ICS-center; sagsbehandleren registrerer ' +
        'dig, mens du er der, og du får dit CPR-nummer. Medbring pas eller ID med fødested, opholdstilladelse eller registreringsbevis ' +
        '(højst 6 måneder gammelt), lejekontrakt eller skøde, eventuel vielses-, skilsmisse- eller dødsattest og børnenes fødsels- og ' +
        'forældremyndighedspapirer (på dansk, engelsk eller tysk). Det kræver fast bopæl, lovligt ophold og et ophold på mere end 3 ' +
        'måneder. Nordiske statsborgere må lade sig registrere efter 3 måneder og skal, hvis de bliver mere end 6 måneder. Med ' +
        'opholdstilladelse skal du registreres senest 6 måneder efter, at den blev udstedt.',
      en:
        'You must be registered in CPR (the civil register) at the latest 5 days after taking up fixed residence in Denmark. First ' +
        'fill in the online pre-application, then appear in person at Borgerservice in your municipality or at an ICS centre; the ' +
        'caseworker registers you while you are there and you get your CPR number. Bring a passport or ID showing your place of birth, ' +
        'your residence permit or EU residence document (at most 6 months old), your lease or deed, any marriage, divorce or death ' +
        "certificates, and your children's birth and custody papers (in Danish, English or German). You need a fixed address, lawful " +
        'residence and a stay of more than 3 months. Nordic citizens may register after 3 months and must if they stay more than 6 ' +
        'months. With a residence permit you must register at the latest 6 months after it was issued.',
    },
    deadlineRule: {
      da:
        'Senest 5 dage efter, at du har taget bopæl i Danmark; med opholdstilladelse også senest 6 måneder efter udstedelsen. ' +
        'EU/EØS/Schweiz: vi regner de 5 dage fra registreringsbeviset (usikkert).',
      en:
        'At the latest 5 days after taking up residence; with a residence permit also at the latest 6 months after it was issued. ' +
        'EU/EEA/Switzerland: we count the 5 days from the EU residence document (uncertain).',
    },
    legalSource: NEW_CITIZEN_CPR,
    task: { da: 'Bliv registreret i CPR i Borgerservice eller et ICS-center', en: 'Register in CPR at Borgerservice or an ICS centre' },
    notRelevant: {
      'nordic-short-stay-not-registered': {
        da: 'Du er nordisk statsborger på et kort ophold og har valgt ikke at lade dig registrere.',
        en: 'You are a Nordic citizen on a short stay and chose not to register.',
      },
    },
  },
  {
    id: 'gp-and-health-card',
    kind: 'automatic',
    system: 'health-insurance',
    title: { da: 'Læge og sundhedskort', en: 'Doctor and health card' },
    guidance: {
      da:
        'Du vælger læge, når du bliver registreret i CPR. Derefter sendes det gule sundhedskort med posten; det kommer normalt efter ' +
        '2–4 uger. Dit efternavn skal stå på postkassen, ellers kan kortet ikke afleveres. Giv besked, når kortet er kommet; vi siger ' +
        'til, hvis det trækker ud.',
      en:
        'You choose a doctor (GP) when you are registered in CPR. The yellow health card is then posted to you and normally arrives ' +
        'within 2–4 weeks. Your surname must be on the mailbox, or the card cannot be delivered. Tell us when the card has arrived; we ' +
        'let you know if it is delayed.',
    },
    deadlineRule: {
      da: 'Kortet ventes senest 4 uger efter lægevalget (praksis, ikke lov).',
      en: 'The card is expected at the latest 4 weeks after choosing the doctor (practice, not law).',
    },
    legalSource: NEW_CITIZEN_CPR,
    task: {
      da: 'Vælg læge, og giv besked, når sundhedskortet er kommet',
      en: 'Choose a doctor, and tell us when the health card has arrived',
    },
    notRelevant: {
      'not-registered-in-cpr': { da: 'Du har valgt ikke at lade dig registrere i CPR.', en: 'You chose not to register in CPR.' },
    },
  },
  {
    id: 'residence-card',
    kind: 'automatic',
    system: 'siri',
    title: { da: 'Opholdskort', en: 'Residence card' },
    guidance: {
      da:
        'Du har opholdstilladelse og er fyldt 18 år. Opholdskortet bestilles automatisk, når du bliver registreret i CPR, og kommer ' +
        'normalt efter 2–3 uger. Du skal ikke gøre noget; giv besked, når kortet er kommet, så siger vi til, hvis det trækker ud.',
      en:
        'You hold a residence permit and are 18 or over. The residence card is ordered automatically when you are registered in CPR ' +
        'and normally arrives within 2–3 weeks. You need not do anything; tell us when it has arrived and we let you know if it is ' +
        'delayed.',
    },
    deadlineRule: {
      da: 'Kortet ventes senest 3 uger efter registreringen (praksis, ikke lov).',
      en: 'The card is expected at the latest 3 weeks after registration (practice, not law).',
    },
    legalSource: { title: 'nyidanmark.dk: Yes to residence permit', url: 'https://www.nyidanmark.dk', lang: 'en' },
    task: { da: 'Giv besked, når dit opholdskort er kommet', en: 'Tell us when your residence card has arrived' },
    notRelevant: {
      'no-permit-or-under-18': {
        da: 'Du skal ikke have opholdskort: det får kun personer på 18 år eller derover med opholdstilladelse.',
        en: 'You need no residence card: only people aged 18 or over with a residence permit get one.',
      },
    },
  },
  {
    id: 'digital-post-mitid',
    kind: 'citizen',
    system: 'mitid',
    title: { da: 'Digital Post og MitID', en: 'Digital Post and MitID' },
    guidance: {
      da:
        'Din offentlige digitale postkasse (Digital Post) oprettes automatisk, når du er registreret i CPR, og myndighederne sender ' +
        'derefter deres breve dertil. For at læse posten og bruge de fleste selvbetjeninger skal du have MitID. Du får det i ' +
        'Borgerservice eller i MitID-appen, hvis du har et pas med chip.',
      en:
        'Your public digital mailbox (Digital Post) is created automatically when you are registered in CPR, and the authorities then ' +
        'send their letters there. To read it and to use most self-services you need MitID. You get it at Borgerservice, or in the ' +
        'MitID app if you have a passport with a chip.',
    },
    legalSource: { title: 'borger.dk: Digital Post og MitID', url: 'https://www.borger.dk' },
    task: { da: 'Få MitID i Borgerservice eller i MitID-appen', en: 'Get MitID at Borgerservice or in the MitID app' },
    notRelevant: {
      'not-registered-in-cpr': { da: 'Du har valgt ikke at lade dig registrere i CPR.', en: 'You chose not to register in CPR.' },
    },
  },
  {
    id: 'tax-card',
    kind: 'citizen',
    system: 'skattestyrelsen',
    title: { da: 'Skattekort', en: 'Tax card' },
    guidance: {
      da:
        'Du skal arbejde i Danmark. Søg skattekort hos Skattestyrelsen online, på telefon, på blanket 04.063 eller i et ICS-center; ' +
        'det tager omkring 2 uger. Uden skattekort trækker arbejdsgiveren 55 % i skat. Har du endnu ikke et nummer, kan du tidligst ' +
        'søge 21 arbejdsdage før jobbet starter. Ved korte ophold får du et personligt skattenummer i stedet for et CPR-nummer.',
      en:
        'You are going to work in Denmark. Apply for a tax card at the Danish Tax Agency online, by phone, on form 04.063 or at an ICS ' +
        'centre; it takes about 2 weeks. Without a tax card your employer withholds 55% tax. If you have no number yet, you can apply ' +
        'at the earliest 21 working days before the job starts. Short stays get a personal tax number instead of a CPR number.',
    },
    deadlineRule: {
      da:
        'Tidligst 21 arbejdsdage før jobstart, hvis du endnu ikke har et nummer. Søg senest 2 uger før jobstart, så kortet er klar ' +
        '(praksis, ikke lov).',
      en:
        'At the earliest 21 working days before the job starts if you have no number yet. Apply at the latest 2 weeks before the job ' +
        'starts so that the card is ready (practice, not law).',
    },
    legalSource: {
      title: 'Skattestyrelsen: Tax card for newcomers (skat.dk/data.aspx?oid=1899274)',
      lang: 'en',
      url: 'https://skat.dk/data.aspx?oid=1899274',
    },
    task: { da: 'Søg skattekort hos Skattestyrelsen', en: 'Apply for a tax card at the Danish Tax Agency' },
    notRelevant: {
      'no-job-in-denmark': {
        da: 'Du har svaret, at du ikke skal arbejde i Danmark.',
        en: 'You answered that you will not work in Denmark.',
      },
    },
  },
  {
    id: 'bank-nemkonto',
    kind: 'citizen',
    system: 'nemkonto',
    title: { da: 'Bankkonto og NemKonto', en: 'Bank account and NemKonto' },
    guidance: {
      da:
        'Åbn en bankkonto; det kræver et CPR-nummer. Alle voksne med CPR-nummer skal have en NemKonto, som det offentlige betaler til, ' +
        'fx skat tilbage og ydelser. Banken kan registrere kontoen som NemKonto, og en udenlandsk konto kan også være NemKonto.',
      en:
        'Open a bank account; this needs a CPR number. Every adult with a CPR number must have a NemKonto, the account public payers ' +
        'pay into (tax refunds and benefits, for example). The bank can register the account as your NemKonto, and a foreign account ' +
        'can also be a NemKonto.',
    },
    legalSource: { title: 'Lov om Nemkonto (lov nr. 1203 af 27. december 2003)', url: 'https://www.nemkonto.dk' },
    task: { da: 'Åbn en bankkonto, og gør den til din NemKonto', en: 'Open a bank account and make it your NemKonto' },
    notRelevant: {
      'not-registered-in-cpr': { da: 'Du har valgt ikke at lade dig registrere i CPR.', en: 'You chose not to register in CPR.' },
    },
  },
  {
    id: 'family-benefits',
    kind: 'citizen',
    system: 'udbetaling-danmark',
    title: { da: 'Familieydelser og SU', en: 'Family benefits and SU' },
    guidance: {
      da:
        'Har du børn under 18 med, kan du få børne- og ungeydelse fra Udbetaling Danmark. EU/EØS-arbejdstagere og danskere, der vender ' +
        'hjem, skal selv søge. Kravet om bopæl eller arbejde i Danmark (optjening) kan gøre beløbet mindre. Skal du studere, skal du ' +
        'søge om ligestilling med danske statsborgere, før du kan få SU.',
      en:
        'If you bring children under 18, you may receive child benefit (børne- og ungeydelse) from Udbetaling Danmark. EU/EEA workers ' +
        'and returning Danes must apply themselves. The requirement of residence or work in Denmark (optjening) can reduce the amount. ' +
        'If you are going to study, you must apply for equal status with Danish citizens before you can receive SU.',
    },
    legalSource: {
      title: 'borger.dk: Børne- og ungeydelse',
      url: 'https://www.borger.dk/familie-og-boern/Familieydelser-oversigt/Boerne-ungeydelse',
    },
    task: { da: 'Søg børne- og ungeydelse eller ligestilling til SU', en: 'Apply for child benefit or equal status for SU' },
    notRelevant: {
      'no-children-or-studies': {
        da: 'Ingen børn flytter med dig, og du skal ikke søge ligestilling til SU.',
        en: 'No children are moving with you, and you need not apply for equal status for SU.',
      },
    },
  },
];
