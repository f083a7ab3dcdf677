import type { AuthorityCallContext as Ctx, In, Out, PortShape } from './port-types';

/** Jobnet and job centre: the operations journeys request (journeys/shared/authority-tasks.ts). */
export abstract class JobnetPort implements PortShape<'jobnet'> {
  static readonly system = 'jobnet';
  abstract registerUnemployed(input: In<'jobnet', 'register-unemployed'>, ctx: Ctx): Out<'jobnet', 'register-unemployed'>;
  abstract deregister(input: In<'jobnet', 'deregister'>, ctx: Ctx): Out<'jobnet', 'deregister'>;
  abstract cvStatus(input: In<'jobnet', 'cv-status'>, ctx: Ctx): Out<'jobnet', 'cv-status'>;
  abstract planStatus(input: In<'jobnet', 'plan-status'>, ctx: Ctx): Out<'jobnet', 'plan-status'>;
}
