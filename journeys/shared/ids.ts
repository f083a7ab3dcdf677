/** The ids the contract is written in: the eleven life situations and the authority systems. */
/** The eleven life situations of the joint public digitalisation agreement (ids as in docs/journeys.md). */
export const JOURNEY_TYPE_IDS = [
  'digital-citizen',
  'starting-education',
  'moving',
  'becoming-a-parent',
  'divorce',
  'new-job',
  'losing-a-job',
  'moving-abroad',
  'losing-a-relative',
  'retiring',
  'moving-to-denmark',
] as const;
export type JourneyTypeId = (typeof JOURNEY_TYPE_IDS)[number];

/** Authority systems (docs/journeys.md, "Authorities"). Caseworkers and systems are scoped to these ids. */
export const AUTHORITY_SYSTEM_IDS = [
  'cpr',
  'borger-dk',
  'municipality',
  'health-insurance',
  'mitid',
  'digital-post',
  'skattestyrelsen',
  'udbetaling-danmark',
  'udbetaling-danmark-housing',
  'udbetaling-danmark-pension',
  'atp',
  'nemkonto',
  'familieretshuset',
  'parish-registrar',
  'probate-court',
  'sundhedsdatastyrelsen',
  'jobnet',
  'a-kasse',
  'optagelse-dk',
  'minsu',
  'digital-pladsanvisning',
  'siri',
  'dar',
  'employer',
  'pensionsinfo',
] as const;
export type AuthoritySystemId = (typeof AUTHORITY_SYSTEM_IDS)[number];
