/** The steps of moving within Denmark (docs/journeys.md section 3), in the order the citizen meets them. */
import type { StepDefinition } from '../shared/contract';

export const MOVING_STEP_IDS = [
  'report-move',
  'gp-choice',
  'logivaert-check',
  'child-move-hearing',
  'cpr-propagation',
  'address-protection',
  'housing-benefit',
  'update-preliminary-tax',
  'children-services',
] as const;
export type MovingStepId = (typeof MOVING_STEP_IDS)[number];

const MOVING_GUIDE = {
  title: 'borger.dk: Guide – når du skal flytte',
  url: 'https://www.borger.dk/bolig-og-flytning/flytning_oversigt/guide--naar-du-skal-flytte',
};

export const movingSteps: StepDefinition[] = [
  {
    id: 'report-move',
    kind: 'citizen',
    system: 'borger-dk',
    title: { da: 'Anmeld flytning til folkeregistret', en: 'Report the move to the civil register' },
    guidance: {
      da:
        'Anmeld flytningen på borger.dk ("Anmeld flytning") med MitID. Én voksen kan anmelde for hele husstanden. Du skal bruge den ' +
        'nye adresse, flyttedatoen og eventuelt et c/o-navn. Når flytningen er registreret, får myndighederne din nye adresse ' +
        'automatisk. Anmelder du for sent, kan kommunen give dig en bøde.',
      en:
        'Report the move on borger.dk ("Anmeld flytning") with MitID. One adult can report for the whole household. You need the new ' +
        'address, the moving date and any c/o name. Once the move is registered, the authorities get your new address automatically. ' +
        'Reporting late can lead to a fine from the municipality.',
    },
    deadlineRule: {
      da: 'Tidligst 28 dage før og senest 5 dage efter flyttedagen.',
      en: 'At the earliest 28 days before and at the latest 5 days after the moving date.',
    },
    legalSource: MOVING_GUIDE,
    task: { da: 'Anmeld flytningen på borger.dk', en: 'Report the move on borger.dk' },
  },
  {
    id: 'gp-choice',
    kind: 'citizen',
    system: 'health-insurance',
    title: { da: 'Vælg læge', en: 'Choose a doctor' },
    guidance: {
      da:
        'Du vælger læge i samme selvbetjening som flytningen. Du må beholde din læge. Bor du mere end 15 km fra lægen (5 km i ' +
        'København, Frederiksberg, Tårnby og Dragør), kan du vælge en ny læge med åben liste. Det er gratis at skifte læge i ' +
        'forbindelse med flytningen; senere koster det et gebyr.',
      en:
        'You choose a doctor in the same self-service as the move. You may keep your doctor. If you live more than 15 km from the ' +
        'practice (5 km in Copenhagen, Frederiksberg, Tårnby and Dragør), you can pick a new doctor whose list is open. Changing ' +
        'doctor is free when you move; later it costs a fee.',
    },
    legalSource: MOVING_GUIDE,
    task: { da: 'Vælg, om du vil beholde din læge', en: 'Choose whether to keep your doctor' },
  },
  {
    id: 'logivaert-check',
    kind: 'caseworker',
    system: 'municipality',
    title: { da: 'Logiværtserklæring', en: "Host's declaration" },
    guidance: {
      da:
        'Du flytter ind hos nogen, der allerede bor på adressen, eller på en c/o-adresse. Ejeren eller lejeren skal bekræfte, at du ' +
        'bor der (logiværtserklæring). Kommunen sender erklæringen til dem; din flytning registreres først, når de har svaret.',
      en:
        'You are moving in where others are already registered, or to a c/o address. The owner or tenant must confirm that you live ' +
        'there (a host declaration). The municipality sends it to them; your move is registered only when they have answered.',
    },
    legalSource: { title: 'Hørsholm Kommune: Flytning (logiværtserklæring)' },
    notRelevant: {
      'no-host': {
        da: 'Ingen andre bor på den nye adresse, og den er ikke en c/o-adresse.',
        en: 'Nobody else lives at the new address and it is not a c/o address.',
      },
    },
  },
  {
    id: 'child-move-hearing',
    kind: 'caseworker',
    system: 'municipality',
    title: { da: 'Høring af den anden forælder', en: 'Hearing of the other parent' },
    guidance: {
      da:
        'Et barn flytter fra forældrenes fælles bopæl, og forældrene har fælles forældremyndighed. Kommunen hører den anden forælder, ' +
        'før barnets flytning registreres. Du behøver ikke gøre noget, men barnets registrering venter på svaret.',
      en:
        "A child is moving out of the parents' joint home and the parents share custody. The municipality hears the other parent " +
        "before the child's move is registered. You need not do anything, but the child's registration waits for the answer.",
    },
    legalSource: MOVING_GUIDE,
    notRelevant: {
      'no-joint-custody-move': {
        da: 'Intet barn flytter fra en fælles bopæl med fælles forældremyndighed.',
        en: 'No child is leaving a joint home with joint custody.',
      },
    },
  },
  {
    id: 'cpr-propagation',
    kind: 'automatic',
    system: 'cpr',
    title: { da: 'Ny adresse i CPR og hos myndighederne', en: 'New address in CPR and at the authorities' },
    guidance: {
      da:
        'Når flytningen er registreret i CPR, får PostNord besked (ikke hvis du har adressebeskyttelse), og Udbetaling Danmark og SU ' +
        'læser den nye adresse. Et nyt sundhedskort sendes inden for 2–3 uger; dit efternavn skal stå på postkassen. Vi giver besked, ' +
        'hvis registreringen trækker ud.',
      en:
        'When the move is registered in CPR, PostNord is told (not if you have address protection), and Udbetaling Danmark and SU read ' +
        'the new address. A new health card is posted within 2–3 weeks; your surname must be on the mailbox. We tell you if the ' +
        'registration is delayed.',
    },
    deadlineRule: {
      da: 'Bekræftelsen ventes inden for 10 arbejdsdage efter flyttedagen og kommunens afgørelser (praksis, ikke lov).',
      en: "Confirmation is expected within 10 working days after the moving date and the municipality's decisions (practice, not law).",
    },
    legalSource: MOVING_GUIDE,
  },
  {
    id: 'address-protection',
    kind: 'citizen',
    system: 'municipality',
    title: { da: 'Adressebeskyttelse', en: 'Address protection' },
    guidance: {
      da: 'Du kan søge om navne- og adressebeskyttelse sammen med flytningen, så din adresse ikke udleveres fra CPR. Søg hos kommunen.',
      en:
        'You can apply for name and address protection together with the move so that CPR does not disclose your address. Apply to the ' +
        'municipality.',
    },
    legalSource: MOVING_GUIDE,
    optional: true,
    task: { da: 'Søg om adressebeskyttelse hos kommunen', en: 'Apply for address protection at the municipality' },
    notRelevant: {
      'not-wanted': {
        da: 'Du har svaret, at du ikke vil søge om adressebeskyttelse.',
        en: 'You answered that you do not want to apply for address protection.',
      },
      declined: { da: 'Du har valgt ikke at søge om adressebeskyttelse.', en: 'You chose not to apply for address protection.' },
    },
  },
  {
    id: 'housing-benefit',
    kind: 'citizen',
    system: 'udbetaling-danmark-housing',
    title: { da: 'Søg boligstøtte', en: 'Apply for housing benefit' },
    guidance: {
      da:
        'Du lejer din nye bolig. Anmeld flytningen til folkeregistret først, og søg derefter boligstøtte hos Udbetaling Danmark ("Søg ' +
        'boligstøtte"). Søger du inden for 30 dage efter indflytning, får du støtte fra indflytningen; ellers først fra den 1. i ' +
        'måneden efter, du søger. Får du allerede boligstøtte, skal du straks give besked om flytningen. Behandlingen tager op til 7 ' +
        'uger.',
      en:
        'You rent your new home. Report the move to the civil register first, then apply for housing benefit at Udbetaling Danmark ' +
        '("Søg boligstøtte"). If you apply within 30 days of moving in, you are paid from the day you moved in; otherwise only from ' +
        'the 1st of the month after you apply. If you already receive housing benefit, report the move at once. Processing takes up to ' +
        '7 weeks.',
    },
    deadlineRule: { da: 'Inden for 30 dage efter indflytning.', en: 'Within 30 days of moving in.' },
    legalSource: {
      title: 'borger.dk: Søg boligstøtte',
      url: 'https://www.borger.dk/bolig-og-flytning/boligstoette-oversigt/soeg-boligstoette',
    },
    task: { da: 'Søg boligstøtte på borger.dk', en: 'Apply for housing benefit on borger.dk' },
    notRelevant: {
      'not-renting': { da: 'Du har svaret, at du ikke lejer den nye bolig.', en: 'You answered that you do not rent the new home.' },
      declined: { da: 'Du har valgt ikke at søge boligstøtte.', en: 'You chose not to apply for housing benefit.' },
    },
  },
  {
    id: 'update-preliminary-tax',
    kind: 'citizen',
    system: 'skattestyrelsen',
    title: { da: 'Ret din forskudsopgørelse', en: 'Update your preliminary tax assessment' },
    guidance: {
      da:
        'Tjek din forskudsopgørelse i TastSelv: ændret transport til arbejde (befordringsfradrag, rubrik 417), og køb eller salg af ' +
        'bolig. Så betaler du den rigtige skat i løbet af året.',
      en:
        'Check your preliminary tax assessment in TastSelv: a changed commute (commuting deduction, field 417), and buying or selling ' +
        'a home. That way you pay the right tax during the year.',
    },
    legalSource: { title: 'Skattestyrelsen: Forskudsopgørelse (TastSelv)', url: 'https://skat.dk' },
    task: { da: 'Tjek din forskudsopgørelse i TastSelv', en: 'Check your preliminary tax assessment in TastSelv' },
    notRelevant: {
      'no-change': {
        da: 'Du har tjekket forskudsopgørelsen, og der var ikke noget at rette.',
        en: 'You checked your preliminary tax assessment and there was nothing to change.',
      },
    },
  },
  {
    id: 'children-services',
    kind: 'citizen',
    system: 'digital-pladsanvisning',
    title: { da: 'Dagtilbud og skole', en: 'Daycare and school' },
    guidance: {
      da:
        'Dit barn kan beholde sin dagtilbudsplads (den nye kommune betaler), eller du kan skrive barnet op i den nye kommunes Digital ' +
        'Pladsanvisning; ventelisten regnes fra registreringen i CPR. I skole kan barnet skifte til distriktsskolen eller blive. Husk ' +
        'at opsige SFO særskilt.',
      en:
        "Your child can keep the current daycare place (the new municipality pays), or you can sign up with the new municipality's " +
        'Digital Pladsanvisning; the waiting list counts from the CPR registration. At school the child can move to the new district ' +
        'school or stay. Remember to cancel after-school care (SFO) separately.',
    },
    legalSource: {
      title: 'Børne- og Undervisningsministeriet: Plads over kommunegrænser',
      url: 'https://www.uvm.dk/dagtilbud/plads-i-dagtilbud/plads-over-kommunegraenser',
    },
    task: { da: 'Ordn dagtilbud og skole for dine børn', en: 'Arrange daycare and school for your children' },
    notRelevant: {
      'no-children-changing-municipality': {
        da: 'Ingen børn flytter med til en anden kommune.',
        en: 'No children are moving with you to another municipality.',
      },
    },
  },
];

/**
 * Version 2: the housing-benefit step fetches the household income from eIndkomst, which a service
 * outside Udbetaling Danmark may read only with the citizen's consent (docs/journeys.md, "Consent").
 */
export const movingStepsV2: StepDefinition[] = movingSteps.map((step) =>
  step.id !== 'housing-benefit'
    ? step
    : {
        ...step,
        legalBasis: {
          kind: 'consent',
          system: 'skattestyrelsen',
          task: 'fetch-income',
          fetches: { da: 'Din indkomst de seneste 12 måneder', en: 'Your income for the last 12 months' },
          from: { da: 'Skattestyrelsen (eIndkomst)', en: 'the Danish Tax Agency (eIndkomst)' },
          purpose: {
            da: 'At udfylde indkomsten i din ansøgning om boligstøtte',
            en: 'To fill in the income in your application for housing benefit',
          },
          fillInYourself: 'housing-benefit.income-entered',
          source: {
            title: 'Skattestyrelsen: eSkatData, udveksling af indkomstoplysninger med samtykke',
            url: 'https://skat.dk/data.aspx?oid=2271052',
          },
        },
      },
);
