import type { CaseworkerViewer, CitizenViewer } from '../../engine/access/viewer';
import type { Principal } from './principal';

/** The engine's view of who is asking (internal ids only; the CPR number stays in the token). */
export const citizenViewer = (p: Principal): CitizenViewer => ({ kind: 'citizen', citizenId: p.citizenId!, name: p.name });
export const caseworkerViewer = (p: Principal): CaseworkerViewer => ({
  kind: 'caseworker',
  id: p.subject,
  authority: p.authority!,
  name: p.name,
});
