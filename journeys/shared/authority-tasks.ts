/**
 * The catalogue of operations journeys request from authority systems (docs/journeys.md, the steps and the
 * "Integration catalogue"). A machine's `integration.request` command names `system` and `task` from
 * here; its `input` must match the task's schema. Pure data: the ports, the HTTP adapter and the
 * sandbox are all derived from this catalogue, so a new operation is added here first (in the file of
 * its system's group under `authority-tasks/`).
 *
 * Examples are written as if today were `CATALOGUE_EXAMPLE_DATE`; the sandbox shifts their dates
 * to the real today.
 *
 * Data minimisation: a CPR number is stored once (the `citizen` table) and never travels in a task's
 * input or output, since both are persisted (`integration_task.input`, the journey history).
 * - The person a task concerns is the call's `subject` (`AuthorityCall.subject`): the engine resolves
 *   it from the citizen table at call time and the adapter sends it beside the input, never in it.
 * - Other persons (spouse, children, the other parent, a deceased relative, co-signers, movers) are
 *   named by their role and a few minimal facts (relation, birth date, date of death). The authority
 *   resolves the actual persons from the subject's CPR relations.
 * - Outputs carry no CPR numbers either: a number the authority assigns reaches the citizen table
 *   through a separate register feed, not through journeys.
 * No input property is named like a CPR number, and no example or output holds one
 * (test/contract/authority-tasks.spec.ts checks both).
 */
import type { AuthoritySystemId, Text } from './contract';
import type { AnyTaskDefinition, Schema, TaskDefinition } from './authority-tasks/task-kit';
import { CITIZEN_SERVICE_TASKS } from './authority-tasks/citizen-services';
import { TAX_AND_PAYMENT_TASKS } from './authority-tasks/tax-and-payments';
import { FAMILY_AND_DEATH_TASKS } from './authority-tasks/family-and-death';
import { WORK_EDUCATION_AND_RESIDENCE_TASKS } from './authority-tasks/work-education-and-residence';

export type { Infer, Schema, StepRef, TaskDefinition, UsedBy } from './authority-tasks/task-kit';
export { SERVICE_USERS } from './authority-tasks/task-kit';

export const CATALOGUE_EXAMPLE_DATE = '2025-03-03';

export const AUTHORITY_SYSTEMS = {
  cpr: { name: { da: 'CPR', en: 'Civil Registration System' }, owner: 'CPR-kontoret (Indenrigs- og Sundhedsministeriet)' },
  'borger-dk': { name: { da: 'borger.dk selvbetjening', en: 'borger.dk self-services' }, owner: 'Digitaliseringsstyrelsen' },
  municipality: { name: { da: 'Folkeregister og Borgerservice', en: 'Municipal registry and citizen service' }, owner: 'Kommunen' },
  'health-insurance': { name: { da: 'Sygesikring og lægevalg', en: 'Health insurance and GP choice' }, owner: 'Kommunen' },
  mitid: { name: { da: 'MitID og NemLog-in', en: 'MitID and NemLog-in' }, owner: 'Digitaliseringsstyrelsen' },
  'digital-post': { name: { da: 'Digital Post', en: 'Digital Post' }, owner: 'Digitaliseringsstyrelsen' },
  skattestyrelsen: { name: { da: 'Skattestyrelsen (TastSelv, eSkattekort)', en: 'Danish Tax Agency' }, owner: 'Skattestyrelsen' },
  'udbetaling-danmark': {
    name: { da: 'Udbetaling Danmark: familieydelser og barsel', en: 'Payment Denmark: family benefits and parental leave' },
    owner: 'Udbetaling Danmark (ATP)',
  },
  'udbetaling-danmark-housing': {
    name: { da: 'Udbetaling Danmark: boligstøtte', en: 'Payment Denmark: housing benefit' },
    owner: 'Udbetaling Danmark (ATP)',
  },
  'udbetaling-danmark-pension': {
    name: { da: 'Udbetaling Danmark: pension, hjælp og FerieKonto', en: 'Payment Denmark: pension, grants and holiday pay' },
    owner: 'Udbetaling Danmark (ATP)',
  },
  atp: { name: { da: 'ATP Livslang Pension', en: 'ATP Lifelong Pension' }, owner: 'ATP' },
  nemkonto: { name: { da: 'NemKonto', en: 'NemKonto (easy account)' }, owner: 'Digitaliseringsstyrelsen' },
  familieretshuset: { name: { da: 'Familieretshuset', en: 'Agency of Family Law' }, owner: 'Familieretshuset' },
  'parish-registrar': {
    name: { da: 'Kirkebogsføreren (personregistrering)', en: 'Parish registrar' },
    owner: 'Folkekirken (sønderjyske kommuner)',
  },
  'probate-court': { name: { da: 'Skifteretten', en: 'Probate court' }, owner: 'Domstolsstyrelsen (byretterne)' },
  sundhedsdatastyrelsen: {
    name: { da: 'Sundhedsdatastyrelsen (dødsattester)', en: 'Danish Health Data Authority' },
    owner: 'Sundhedsdatastyrelsen',
  },
  jobnet: { name: { da: 'Jobnet og jobcenter', en: 'Jobnet and job centre' }, owner: 'Styrelsen for Arbejdsmarked og Rekruttering (STAR)' },
  'a-kasse': { name: { da: 'A-kasse', en: 'Unemployment insurance fund' }, owner: 'A-kasserne' },
  'optagelse-dk': { name: { da: 'Optagelse.dk', en: 'Optagelse.dk (admissions)' }, owner: 'Styrelsen for It og Læring (STIL)' },
  minsu: { name: { da: 'minSU', en: 'minSU (student grants)' }, owner: 'Uddannelses- og Forskningsstyrelsen' },
  'digital-pladsanvisning': {
    name: { da: 'Digital Pladsanvisning og skoleindskrivning', en: 'Daycare allocation and school enrolment' },
    owner: 'Kommunen',
  },
  siri: {
    name: { da: 'SIRI og International Citizen Service', en: 'SIRI and International Citizen Service' },
    owner: 'Styrelsen for International Rekruttering og Integration',
  },
  dar: {
    name: { da: 'Danmarks Adresseregister (Datafordeleren)', en: 'Danish Address Register' },
    owner: 'Styrelsen for Dataforsyning og Infrastruktur (SDFI)',
  },
  employer: { name: { da: 'Arbejdsgiver', en: 'Employer' }, owner: 'Arbejdsgiveren (via virk.dk)' },
  pensionsinfo: { name: { da: 'PensionsInfo', en: 'PensionsInfo (pension overview)' }, owner: 'Forsikring & Pension' },
} as const satisfies Record<AuthoritySystemId, { name: Text; owner: string }>;

// The groups keep the systems' order, which is the order of AUTHORITY_TASKS (ports, sandbox, API).
export const AUTHORITY_TASK_CATALOGUE = {
  ...CITIZEN_SERVICE_TASKS,
  ...TAX_AND_PAYMENT_TASKS,
  ...FAMILY_AND_DEATH_TASKS,
  ...WORK_EDUCATION_AND_RESIDENCE_TASKS,
} as const satisfies { [S in AuthoritySystemId]: Record<string, AnyTaskDefinition> };

// --- Typed access -------------------------------------------------------------------------------

type Catalogue = typeof AUTHORITY_TASK_CATALOGUE;
export type TaskName<S extends AuthoritySystemId> = keyof Catalogue[S] & string;
type Def<S extends AuthoritySystemId, T extends TaskName<S>> = Catalogue[S][T];
export type TaskInput<S extends AuthoritySystemId, T extends TaskName<S>> = Def<S, T> extends { input: Schema<infer I> } ? I : never;
export type TaskOutput<S extends AuthoritySystemId, T extends TaskName<S>> = Def<S, T> extends { output: infer O } ? O : never;

export interface AuthorityTask extends TaskDefinition {
  system: AuthoritySystemId;
  task: string;
}

export const AUTHORITY_TASKS: readonly AuthorityTask[] = Object.entries(AUTHORITY_TASK_CATALOGUE).flatMap(([system, tasks]) =>
  Object.entries(tasks as Record<string, TaskDefinition>).map(([task, def]) => ({ system: system as AuthoritySystemId, task, ...def })),
);

const BY_KEY = new Map(AUTHORITY_TASKS.map((t) => [`${t.system}/${t.task}`, t]));

/** The catalogue entry for `system`/`task`, or undefined when either is unknown. */
export function findTask(system: string, task: string): AuthorityTask | undefined {
  return BY_KEY.get(`${system}/${task}`);
}
