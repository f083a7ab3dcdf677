import type { AuthorityCallContext as Ctx, In, Out, PortShape } from './port-types';

/** Employer: the operations journeys request (journeys/shared/authority-tasks.ts). */
export abstract class EmployerPort implements PortShape<'employer'> {
  static readonly system = 'employer';
  abstract notifyPregnancy(input: In<'employer', 'notify-pregnancy'>, ctx: Ctx): Out<'employer', 'notify-pregnancy'>;
  abstract submitLeavePlan(input: In<'employer', 'submit-leave-plan'>, ctx: Ctx): Out<'employer', 'submit-leave-plan'>;
  abstract leaveReportStatus(input: In<'employer', 'leave-report-status'>, ctx: Ctx): Out<'employer', 'leave-report-status'>;
}
