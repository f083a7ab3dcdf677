/** The steps of a divorce or a break-up (docs/journeys.md section 5), in the order the citizen meets them. */
import type { LegalSource, StepDefinition } from '../shared/contract';
import { DIVORCE_FEES, feeText } from './divorce.fees';

export const DIVORCE_STEP_IDS = [
  'apply-separation-divorce',
  'agree-terms',
  'screening',
  'children-arrangements',
  'move-out',
  'family-benefits',
  'child-support',
  'estate-split',
  'update-tax-and-housing',
] as const;
export type DivorceStepId = (typeof DIVORCE_STEP_IDS)[number];

const FAMILIERETSHUSET_GUIDE: LegalSource = {
  title: 'Familieretshusvejledningen 2020 (themis.dk); vejl. 9397 af 26/6 2020',
};

const applicationFee = feeText(DIVORCE_FEES.application);
const negotiationFee = feeText(DIVORCE_FEES.termsNegotiation);

export const divorceSteps: StepDefinition[] = [
  {
    id: 'apply-separation-divorce',
    kind: 'citizen',
    system: 'familieretshuset',
    title: { da: 'Søg separation eller skilsmisse', en: 'Apply for separation or divorce' },
    guidance: {
      da:
        `Søg digitalt hos Familieretshuset via borger.dk. I skal begge skrive under med MitID, og gebyret (${applicationFee.da} i ` +
        `${DIVORCE_FEES.year}; reguleres hvert år) betales, når I søger. Er I enige, kan I blive skilt med det samme uden separation ` +
        `først. Er din ægtefælle ikke enig, kan du altid få separation; skilsmisse kræver så en grund, fx at I har været separeret, ` +
        `har boet hver for sig i 2 år, utroskab, vold (også psykisk), bigami eller bortførelse af et barn. Den tidligere ` +
        `refleksionsperiode og det obligatoriske kursus for forældre gælder ikke længere.`,
      en:
        `Apply digitally to the Agency of Family Law via borger.dk. You must both sign with MitID, and the fee (${applicationFee.en} ` +
        `in ${DIVORCE_FEES.year}; indexed yearly) is paid when you apply. If you agree, you can divorce at once without separating ` +
        `first. If your spouse does not agree, you can always get a separation; a divorce then needs grounds, e.g. a prior separation, ` +
        `2 years living apart, infidelity, violence (including psychological), bigamy or child abduction. The former reflection period ` +
        `and mandatory course for parents no longer apply.`,
    },
    legalSource: { title: 'skilsmisse.dk: Hvordan ansøger man om skilsmisse' },
    task: {
      da: 'Søg om separation eller skilsmisse hos Familieretshuset',
      en: 'Apply for separation or divorce at the Agency of Family Law',
    },
    notRelevant: {
      'not-married': {
        da: 'I er ikke gift, så I skal ikke søge separation eller skilsmisse.',
        en: 'You are not married, so there is no separation or divorce to apply for.',
      },
    },
  },
  {
    id: 'agree-terms',
    kind: 'citizen',
    system: 'familieretshuset',
    title: { da: 'Bliv enige om vilkårene', en: 'Agree on the terms' },
    guidance: {
      da:
        `I skal være enige om ægtefællebidrag og om, hvem der beholder en lejebolig eller andelsbolig. Er I enige, får I bevilling ` +
        `uden møde. Er I ikke enige, indkalder Familieretshuset til en vilkårsforhandling (ekstra gebyr: ${negotiationFee.da} i ` +
        `${DIVORCE_FEES.year}); bevillingen kommer cirka en uge efter, at I er blevet enige. Bliver I ikke enige, afgør retten sagen.`,
      en:
        `You must agree on spousal maintenance and on who keeps a rented or cooperative home. If you agree, you get the decree without ` +
        `a meeting. If not, the Agency of Family Law calls you to a negotiation meeting (extra fee: ${negotiationFee.en} in ` +
        `${DIVORCE_FEES.year}); the decree follows about a week after you agree. If you still disagree, the court decides.`,
    },
    deadlineRule: {
      da: 'Bevilling cirka en uge efter en vellykket vilkårsforhandling.',
      en: 'Decree about a week after a successful negotiation meeting.',
    },
    legalSource: FAMILIERETSHUSET_GUIDE,
    task: { da: 'Bliv enige om vilkårene for separationen eller skilsmissen', en: 'Agree on the terms of the separation or divorce' },
    notRelevant: {
      'not-married': {
        da: 'I er ikke gift, så der er ingen vilkår at aftale hos Familieretshuset.',
        en: 'You are not married, so there are no terms to settle at the Agency of Family Law.',
      },
    },
  },
  {
    id: 'screening',
    kind: 'caseworker',
    system: 'familieretshuset',
    title: { da: 'Familieretshuset visiterer sagen', en: 'The Agency of Family Law screens the case' },
    guidance: {
      da:
        'Familieretshuset sorterer hver sag: § 5-sager er enkle og enige, § 6-sager kræver konfliktløsning i Familieretshuset, og § ' +
        '7-sager er komplekse og sendes videre til familieretten. Du skal ikke gøre noget; vi fortæller dig, hvilket spor din sag er ' +
        'på, og giver besked, hvis det trækker ud.',
      en:
        'The Agency of Family Law sorts every case: § 5 cases are simple and agreed, § 6 cases need conflict resolution at the agency, ' +
        'and § 7 cases are complex and go on to the family court. You need not do anything; we tell you which track your case is on, ' +
        'and let you know if it is delayed.',
    },
    legalSource: { title: 'Lov om Familieretshuset §§ 5–7' },
    notRelevant: {
      'not-married': {
        da: 'I er ikke gift, så der er ingen sag om separation eller skilsmisse.',
        en: 'You are not married, so there is no separation or divorce case.',
      },
    },
  },
  {
    id: 'children-arrangements',
    kind: 'citizen',
    system: 'familieretshuset',
    title: { da: 'Bopæl, samvær og forældremyndighed', en: 'Residence, contact and custody' },
    guidance: {
      da:
        'Har I børn under 18, skal I aftale, hvor barnet skal bo (bopæl), hvordan samværet skal være, og hvem der har ' +
        'forældremyndigheden (som regel fælles). Kan I ikke blive enige, kan I søge hos Familieretshuset. Flytter barnet fra jeres ' +
        'fælles bopæl, og har I fælles forældremyndighed, hører kommunen den anden forælder, før flytningen registreres.',
      en:
        'If you have children under 18, agree where the child will live (residence), how contact will work, and who has custody ' +
        '(usually joint). If you cannot agree, you can apply to the Agency of Family Law. If the child moves out of your joint home ' +
        'and you share custody, the municipality hears the other parent before the move is registered.',
    },
    legalSource: FAMILIERETSHUSET_GUIDE,
    task: {
      da: 'Aftal bopæl, samvær og forældremyndighed for jeres børn',
      en: 'Agree on residence, contact and custody for your children',
    },
    notRelevant: {
      'no-children-under-18': { da: 'I har ingen fælles børn under 18 år.', en: 'You have no children together under 18.' },
    },
  },
  {
    id: 'move-out',
    kind: 'citizen',
    system: 'cpr',
    title: { da: 'Flyt', en: 'Move out' },
    guidance: {
      da:
        'Skal du flytte, starter vi et flytteforløb for dig, når du fortæller os om flytningen; trinnet er færdigt, når flytningen er ' +
        'på plads. Flytningen skal anmeldes til folkeregistret senest 5 dage efter.',
      en:
        'If you are moving, we start a moving journey for you once you tell us about the move; this step is done when the move is ' +
        'complete. The move must be reported to the civil register within 5 days.',
    },
    legalSource: {
      title: 'borger.dk: Guide – når du skal flytte',
      url: 'https://www.borger.dk/bolig-og-flytning/flytning_oversigt/guide--naar-du-skal-flytte',
    },
    task: { da: 'Fortæl os om din flytning', en: 'Tell us about your move' },
    notRelevant: {
      'not-moving': { da: 'Du har svaret, at du ikke flytter.', en: 'You answered that you are not moving.' },
    },
  },
  {
    id: 'family-benefits',
    kind: 'citizen',
    system: 'udbetaling-danmark',
    title: { da: 'Børneydelse og børnetilskud', en: 'Child benefit and single-parent allowance' },
    guidance: {
      da:
        'Bor I hver for sig, kan I beholde delingen af børne- og ungeydelsen 50/50 eller flytte det hele til den ene forælder (fra ' +
        'næste kvartal). Er du enlig forsørger (du bor ikke sammen med en anden voksen), skal du søge børnetilskud (ordinært og ' +
        'ekstra) hos Udbetaling Danmark. Børnetilskud gives ikke bagud: det udbetales fra kvartalet efter, du har søgt, så søg før ' +
        'kvartalet slutter. Vi kan sende ansøgningen for dig.',
      en:
        'When you live apart, you can keep the 50/50 split of the child benefit or move all of it to one parent (from the next ' +
        'quarter). If you are a single parent (you do not live with another adult), apply for the single-parent allowance (ordinary ' +
        'and extra) at Payment Denmark. It is not retroactive: it is paid from the quarter after you apply, so apply before the ' +
        'quarter ends. We can send the application for you.',
    },
    deadlineRule: {
      da: 'Børnetilskud: søg inden udgangen af det kvartal, I går fra hinanden i (ikke med tilbagevirkende kraft).',
      en: 'Single-parent allowance: apply before the end of the quarter in which you separate (not retroactive).',
    },
    legalSource: { title: 'STAR: Børnetilskud til enlige forsørgere (star.dk)' },
    task: {
      da: 'Vælg, hvem der får børneydelsen, og søg børnetilskud',
      en: 'Choose who gets the child benefit, and apply for the single-parent allowance',
    },
    notRelevant: {
      'no-children-under-18': { da: 'I har ingen fælles børn under 18 år.', en: 'You have no children together under 18.' },
    },
  },
  {
    id: 'child-support',
    kind: 'citizen',
    system: 'familieretshuset',
    title: { da: 'Børnebidrag', en: 'Child support' },
    guidance: {
      da:
        'Når det er aftalt, hvor barnet bor, skal I aftale børnebidrag, eller forælderen, barnet bor hos, søger Familieretshuset om at ' +
        'fastsætte det. Søg hurtigt: bidraget fastsættes normalt ikke bagud i tid.',
      en:
        'Once it is settled where the child lives, agree on child support, or the parent the child lives with applies to the Agency of ' +
        'Family Law to set it. Apply quickly: support is normally not set back in time.',
    },
    legalSource: { title: 'Familieadvokaten: Børnebidrag (familieadvokaten.dk)' },
    task: {
      da: 'Aftal børnebidrag, eller søg om det hos Familieretshuset',
      en: 'Agree on child support, or apply for it at the Agency of Family Law',
    },
    notRelevant: {
      'no-children-under-18': { da: 'I har ingen fælles børn under 18 år.', en: 'You have no children together under 18.' },
    },
  },
  {
    id: 'estate-split',
    kind: 'citizen',
    system: 'probate-court',
    title: { da: 'Del formuen (bodeling)', en: 'Divide your property' },
    guidance: {
      da:
        'Gifte deler fællesejet, når der er givet separation eller skilsmisse: privat efter aftale, eller gennem skifteretten, hvis I ' +
        'ikke kan blive enige. Samlevende har ingen bodeling; I deler det, I ejer sammen, efter aftale.',
      en:
        'Married couples divide their joint property once the separation or divorce is granted: privately by agreement, or through the ' +
        'probate court if you cannot agree. Cohabiting couples have no division of a marital estate; you divide what you own together ' +
        'by agreement.',
    },
    legalSource: { title: 'Familieadvokaten: Bodeling (familieadvokaten.dk)' },
    task: { da: 'Del det, I ejer sammen', en: 'Divide what you own together' },
  },
  {
    id: 'update-tax-and-housing',
    kind: 'citizen',
    system: 'skattestyrelsen',
    title: { da: 'Ret skat og boligstøtte', en: 'Update tax and housing benefit' },
    guidance: {
      da:
        'Ret din forskudsopgørelse i TastSelv (fx børnebidrag og ægtefællebidrag, og fradrag der ændrer sig). Får husstanden ' +
        'boligstøtte, skal I straks give Udbetaling Danmark besked, når en af jer flytter.',
      en:
        'Update your preliminary tax assessment in TastSelv (e.g. child and spousal maintenance, and deductions that change). If the ' +
        'household receives housing benefit, tell Payment Denmark at once when one of you moves out.',
    },
    deadlineRule: {
      da: 'Boligstøtte: straks, når en af jer flytter.',
      en: 'Housing benefit: at once when one of you moves out.',
    },
    legalSource: { title: 'borger.dk: Boligstøtte – giv besked om ændringer' },
    task: {
      da: 'Ret din forskudsopgørelse og eventuel boligstøtte',
      en: 'Update your preliminary tax assessment and any housing benefit',
    },
  },
];
