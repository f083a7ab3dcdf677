import type { AuthoritySystemId } from '../../../journeys/shared/contract';

export interface Persona {
  id: string;
  role: 'citizen' | 'caseworker';
  /** Test CPR numbers (fictitious) for citizens, a user id for caseworkers. */
  subject: string;
  name: string;
  authority?: AuthoritySystemId;
}

/** Test personas: the accounts of the local identity provider and the subjects of `POST /api/dev/token` (AUTH_MODE=dev only). */
export const PERSONAS: readonly Persona[] = [
  { id: 'anna', role: 'citizen', subject: '0101901234', name: 'Anna Jensen' },
  { id: 'bo', role: 'citizen', subject: '0202802345', name: 'Bo Nielsen' },
  { id: 'clara', role: 'citizen', subject: '1512954321', name: 'Clara Hansen' },
  { id: 'cw-municipality', role: 'caseworker', subject: 'kk-sb-101', name: 'Mette Larsen', authority: 'municipality' },
  { id: 'cw-cpr', role: 'caseworker', subject: 'cpr-sb-201', name: 'Jonas Berg', authority: 'cpr' },
  { id: 'cw-health', role: 'caseworker', subject: 'sik-sb-301', name: 'Sofie Dahl', authority: 'health-insurance' },
  { id: 'cw-housing', role: 'caseworker', subject: 'udk-sb-401', name: 'Ali Khan', authority: 'udbetaling-danmark-housing' },
  { id: 'cw-tax', role: 'caseworker', subject: 'skst-sb-501', name: 'Ida Møller', authority: 'skattestyrelsen' },
];
