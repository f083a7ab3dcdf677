/** The steps after losing a relative (docs/journeys.md, losing a relative), in the order the next of kin meet them. */
import type { StepDefinition } from '../shared/contract';

export const RELATIVE_STEP_IDS = [
  'death-certificate',
  'automatic-effects',
  'report-death-request-burial',
  'burial',
  'notify-authorities',
  'probate',
  'funeral-grant',
  'spouse-survivor',
  'digital-post-access',
] as const;
export type RelativeStepId = (typeof RELATIVE_STEP_IDS)[number];

const WHEN_LIFE_ENDS = {
  title: 'borger.dk: Guide – når livet slutter',
  url: 'https://www.borger.dk/sundhed-og-sygdom/doedsfald--hospice-og-behandlingstestamente/guide--naar-livet-slutter',
};

export const relativeSteps: StepDefinition[] = [
  {
    id: 'death-certificate',
    kind: 'authority',
    system: 'sundhedsdatastyrelsen',
    title: { da: 'Dødsattest', en: 'Death certificate' },
    guidance: {
      da:
        'En læge (egen læge, vagtlæge eller hospitalet) udsteder dødsattesten elektronisk til Sundhedsdatastyrelsen. Du skal ikke gøre ' +
        'noget; vi venter på bekræftelsen og giver besked, hvis den trækker ud.',
      en:
        'A doctor (GP, out-of-hours doctor or hospital) issues the death certificate electronically to the Danish Health Data ' +
        'Authority. You need not do anything; we wait for the confirmation and tell you if it is delayed.',
    },
    deadlineRule: {
      da: 'Straks. Vi markerer trinnet som forsinket efter 2 arbejdsdage (praksis, ikke lov).',
      en: 'Immediately. We flag the step as delayed after 2 working days (practice, not law).',
    },
    legalSource: WHEN_LIFE_ENDS,
  },
  {
    id: 'automatic-effects',
    kind: 'automatic',
    system: 'digital-post',
    title: { da: 'Det sker automatisk ved dødsfaldet', en: 'What happens automatically' },
    guidance: {
      da:
        'Når dødsfaldet er registreret i CPR, spærres afdødes bankkonti (også fælles konti), afdødes Digital Post lukkes (også ' +
        'læseadgange), og alle fuldmagter bortfalder. Offentlig post til afdøde gemmes i 5 år. Du skal ikke gøre noget, men vær ' +
        'forberedt på, at betalinger fra fælles konti kan stoppe.',
      en:
        "When the death is registered in CPR, the deceased's bank accounts are blocked (joint accounts too), the deceased's Digital " +
        'Post is closed (read access too), and all powers of attorney lapse. Public mail to the deceased is kept for 5 years. You need ' +
        'not do anything, but be prepared that payments from joint accounts may stop.',
    },
    deadlineRule: {
      da: 'Vi markerer trinnet som forsinket, hvis det ikke er bekræftet 5 arbejdsdage efter dødsattesten (praksis, usikkert).',
      en: 'We flag the step as delayed if it is not confirmed 5 working days after the death certificate (practice, uncertain).',
    },
    legalSource: WHEN_LIFE_ENDS,
  },
  {
    id: 'report-death-request-burial',
    kind: 'citizen',
    system: 'parish-registrar',
    title: { da: 'Anmeld dødsfaldet og anmod om begravelse', en: 'Report the death and request burial' },
    guidance: {
      da:
        'Dødsfaldet skal anmeldes til begravelsesmyndigheden senest 2 hverdage efter dødsfaldet: præsten eller kirkekontoret i afdødes ' +
        'sogn, uanset tro; boede afdøde i Haderslev, Aabenraa, Sønderborg eller Tønder Kommune, er det kommunen. Brug selvbetjeningen ' +
        '"Anmeld dødsfald" på borger.dk, eller lad en bedemand gøre det med din fuldmagt. Anmeldelsen indeholder anmodningen om ' +
        'begravelse eller ligbrænding. Den, der anmelder, er først ægtefællen, så samleveren, børn over 18, forældre og andre; er der ' +
        'ingen, gør kommunen det. Har en anden allerede anmeldt dødsfaldet, kan du markere det.',
      en:
        'The death must be reported to the burial authority at the latest 2 weekdays after the death: the priest or church office of ' +
        "the deceased's parish, regardless of faith; if the deceased lived in Haderslev, Aabenraa, Sønderborg or Tønder municipality, " +
        'it is the municipality. Use the "Anmeld dødsfald" self-service on borger.dk, or let an undertaker do it with your power of ' +
        'attorney. The report includes the request for burial or cremation. The reporter is first the spouse, then the cohabitant, ' +
        'children over 18, parents and others; if there is nobody, the municipality reports. If someone else has already reported the ' +
        'death, you can mark that.',
    },
    deadlineRule: {
      da: 'Senest 2 hverdage (arbejdsdage) efter dødsfaldet.',
      en: 'At the latest 2 weekdays (working days) after the death.',
    },
    legalSource: {
      title: 'Bekendtgørelse om anmeldelse af dødsfald (nr. 1145 af 30. september 2010) § 1; begravelsesloven',
      url: 'http://socialjura.dk/content-storage/regler/2010/bek-1145-af-309-2010',
    },
    alternativeSystems: ['municipality'],
    task: { da: 'Anmeld dødsfaldet, og anmod om begravelse eller ligbrænding', en: 'Report the death and request burial or cremation' },
  },
  {
    id: 'burial',
    kind: 'citizen',
    system: 'parish-registrar',
    title: { da: 'Begravelse eller bisættelse', en: 'Burial or cremation' },
    guidance: {
      da:
        'Begravelsen eller ligbrændingen skal ske inden for 8 dage, og dødsdagen tæller med: dør nogen den 6. marts, er den 13. marts ' +
        'sidste dag. Bedemanden aftaler tid med kirkegården eller krematoriet. Kirkegården eller krematoriet kan forlænge fristen til ' +
        '14 dage, talt på samme måde (her den 19. marts); en længere udsættelse kræver tilladelse fra Styrelsen for Patientsikkerhed. ' +
        'Har I fået en udsættelse, kan du registrere den nye frist.',
      en:
        'The burial or cremation must take place within 8 days, the day of death counted: after a death on 6 March, 13 March is the ' +
        'last day. The undertaker books a time with the cemetery or crematorium. The cemetery or crematorium can extend the limit to ' +
        '14 days, counted the same way (here 19 March); a longer postponement needs permission from the Danish Patient Safety ' +
        'Authority. If you have been given a postponement, you can record the new limit.',
    },
    deadlineRule: {
      da:
        'Inden for 8 dage, dødsdagen medregnet: dødsdatoen + 7 dage (14 dage, dødsdatoen + 13, med kirkegårdens forlængelse; længere ' +
        'med tilladelse).',
      en:
        "Within 8 days, the day of death counted: the date of death + 7 days (14 days, + 13, with the cemetery's extension; longer " +
        'with permission).',
    },
    legalSource: {
      title: 'Styrelsen for Patientsikkerhed: Udsættelse af begravelse',
      url: 'https://stps.dk/da/tilsyn/ligsyn-og-obduktion/udsaettelse-af-begravelse/',
    },
    task: { da: 'Sørg for begravelse eller bisættelse', en: 'Arrange the burial or cremation' },
  },
  {
    id: 'notify-authorities',
    kind: 'automatic',
    system: 'parish-registrar',
    title: { da: 'Myndighederne får besked', en: 'The authorities are informed' },
    guidance: {
      da:
        'Når dødsfaldet er anmeldt, giver sognet (i Sønderjylland kommunen) skifteretten, kommunen og CPR besked. Udbetaling Danmark ' +
        'og pensionskasserne får dødsfaldet at vide fra CPR. Du skal ikke gøre noget; vi giver besked, hvis det trækker ud.',
      en:
        'Once the death is reported, the parish (in South Jutland the municipality) informs the probate court, the municipality and ' +
        'CPR. Payment Denmark and the pension funds learn of the death from CPR. You need not do anything; we tell you if it is ' +
        'delayed.',
    },
    deadlineRule: {
      da: 'Vi markerer trinnet som forsinket 5 arbejdsdage efter anmeldelsen (praksis, usikkert).',
      en: 'We flag the step as delayed 5 working days after the report (practice, uncertain).',
    },
    legalSource: WHEN_LIFE_ENDS,
    alternativeSystems: ['municipality'],
  },
  {
    id: 'probate',
    kind: 'caseworker',
    system: 'probate-court',
    title: { da: 'Skifteretten og dødsboet', en: 'The probate court and the estate' },
    guidance: {
      da:
        'Skifteretten kontakter anmelderen i Digital Post efter ca. 2–4 uger, som regel for at aftale et telefonmøde. Her vælger I, ' +
        'hvordan boet skal behandles: boudlæg (små boer), ægtefælleudlæg, uskiftet bo (ægtefællen overtager boet udelt), privat skifte ' +
        'eller bobestyrer. Ægtefælleudlæg og uskiftet bo kan kun vælges af en ægtefælle. Skifteretten henter selv testamenter og ' +
        'skatteoplysninger. Der betales en retsafgift. Ingen må råde over afdødes ejendele, før skifteretten har udstedt en ' +
        'skifteretsattest.',
      en:
        'The probate court contacts the person who reported the death by Digital Post after about 2–4 weeks, usually to arrange a ' +
        'phone meeting. There you choose how the estate is handled: small-estate transfer (boudlæg), spouse transfer (ægtefælleudlæg), ' +
        'undivided estate (uskiftet bo: the spouse keeps the estate undivided), private division, or an estate administrator. Spouse ' +
        'transfer and undivided estate can only be chosen by a spouse. The court fetches wills and tax data itself. A court fee is ' +
        "payable. Nobody may dispose of the deceased's assets before the court has issued a probate certificate (skifteretsattest).",
    },
    deadlineRule: {
      da:
        'Vi markerer trinnet som forsinket, hvis skifteretten ikke har kontaktet jer 4 uger efter, at den fik besked (praksis, ' +
        'usikkert).',
      en: 'We flag the step as delayed if the court has not contacted you 4 weeks after it was informed (practice, uncertain).',
    },
    legalSource: { title: 'Dødsboskifteloven; Skattestyrelsen: Dødsboer', url: 'https://skat.dk/data.aspx?oid=143442' },
    task: { da: 'Vælg, hvordan boet skal skiftes', en: 'Choose how the estate is to be settled' },
  },
  {
    id: 'funeral-grant',
    kind: 'citizen',
    system: 'udbetaling-danmark-pension',
    title: { da: 'Søg begravelseshjælp', en: 'Apply for funeral grant' },
    guidance: {
      da:
        'Afdøde havde dansk sygesikring, så der kan være ret til begravelseshjælp fra Udbetaling Danmark. Søg i selvbetjeningen ' +
        '"Begravelseshjælp", eller lad bedemanden søge med fuldmagt. Beløbet afhænger af formuen, så Udbetaling Danmark skal bruge ' +
        'dokumenterne fra skifteretten; hjælpen udbetales ca. 1 måned efter, at dokumentationen er komplet.',
      en:
        'The deceased had Danish health cover, so there may be a right to a funeral grant from Payment Denmark. Apply in the ' +
        '"Begravelseshjælp" self-service, or let the undertaker apply with a power of attorney. The amount depends on the assets, so ' +
        "Payment Denmark needs the probate court's documents; the grant is paid about 1 month after the documentation is complete.",
    },
    legalSource: {
      title: 'Sundhedsloven (begravelseshjælp); Udbetaling Danmark: Begravelseshjælp',
      url: 'https://www.borger.dk/sundhed-og-sygdom/doedsfald--hospice-og-behandlingstestamente/guide--naar-livet-slutter',
    },
    task: { da: 'Søg begravelseshjælp hos Udbetaling Danmark', en: 'Apply for a funeral grant at Udbetaling Danmark' },
    notRelevant: {
      'no-danish-health-cover': { da: 'Afdøde havde ikke dansk sygesikring.', en: 'The deceased did not have Danish health cover.' },
      'not-applying': { da: 'Du har valgt ikke at søge begravelseshjælp.', en: 'You chose not to apply for a funeral grant.' },
    },
  },
  {
    id: 'spouse-survivor',
    kind: 'citizen',
    system: 'udbetaling-danmark-pension',
    title: { da: 'Ydelser til efterlevende ægtefælle eller samlever', en: 'Benefits for the surviving spouse or cohabitant' },
    guidance: {
      da:
        'Fik I begge social pension, fortsætter afdødes pension til dig i 3 måneder (efterlevelsespension); det sker automatisk, og ' +
        'Udbetaling Danmark sender et brev inden for en uge efter registreringen i CPR. Ellers kan du søge efterlevelseshjælp hos ' +
        'Udbetaling Danmark senest 6 måneder efter dødsfaldet; hjælpen afhænger af din indkomst og formue. Børn får automatisk særligt ' +
        'børnetilskud.',
      en:
        "If you both received a public pension, the deceased's pension continues to you for 3 months (efterlevelsespension); this is " +
        "automatic, and Payment Denmark sends a letter within a week of the CPR registration. Otherwise you can apply for a survivor's " +
        'grant (efterlevelseshjælp) at Payment Denmark at the latest 6 months after the death; it depends on your income and assets. ' +
        'Children get a special child allowance automatically.',
    },
    deadlineRule: {
      da: 'Efterlevelseshjælp: senest 6 måneder efter dødsfaldet.',
      en: "Survivor's grant: at the latest 6 months after the death.",
    },
    legalSource: { title: 'Bekendtgørelse om efterlevelseshjælp', url: 'https://elov.dk/bekendtgorelse-om-efterlevelseshjaelp/1/' },
    task: { da: 'Søg efterlevelseshjælp hos Udbetaling Danmark', en: 'Apply for the survivor’s grant at Udbetaling Danmark' },
    notRelevant: {
      'not-applying': { da: 'Du har valgt ikke at søge efterlevelseshjælp.', en: 'You chose not to apply for the survivor’s grant.' },
      'not-spouse-or-cohabitant': {
        da: 'Du var ikke afdødes ægtefælle eller samlever.',
        en: 'You were not the deceased’s spouse or cohabitant.',
      },
    },
  },
  {
    id: 'digital-post-access',
    kind: 'citizen',
    system: 'digital-post',
    title: { da: 'Adgang til afdødes Digital Post', en: "Access to the deceased's Digital Post" },
    guidance: {
      da:
        'Med skifteretsattesten kan du søge om adgang til afdødes Digital Post (e-Boks/mit.dk), fx for at se breve fra banker og ' +
        'myndigheder, som boet skal bruge.',
      en:
        "With the probate certificate you can apply for access to the deceased's Digital Post (e-Boks/mit.dk), for example to read " +
        'letters from banks and authorities that the estate needs.',
    },
    legalSource: WHEN_LIFE_ENDS,
    optional: true,
    task: { da: 'Søg om adgang til afdødes Digital Post', en: 'Apply for access to the deceased’s Digital Post' },
    notRelevant: {
      'not-needed': {
        da: 'Du har svaret, at du ikke har brug for adgang til afdødes post.',
        en: 'You answered that you do not need access to the deceased’s mail.',
      },
    },
  },
];
