import type { AuthorityCallContext as Ctx, In, Out, PortShape } from './port-types';

/** minSU (student grants): the operations journeys request (journeys/shared/authority-tasks.ts). */
export abstract class MinsuPort implements PortShape<'minsu'> {
  static readonly system = 'minsu';
  abstract applySu(input: In<'minsu', 'apply-su'>, ctx: Ctx): Out<'minsu', 'apply-su'>;
  abstract caseStatus(input: In<'minsu', 'case-status'>, ctx: Ctx): Out<'minsu', 'case-status'>;
  abstract applyEqualStatus(input: In<'minsu', 'apply-equal-status'>, ctx: Ctx): Out<'minsu', 'apply-equal-status'>;
  abstract optOutMonths(input: In<'minsu', 'opt-out-months'>, ctx: Ctx): Out<'minsu', 'opt-out-months'>;
  abstract stopSu(input: In<'minsu', 'stop-su'>, ctx: Ctx): Out<'minsu', 'stop-su'>;
  abstract listBenefits(input: In<'minsu', 'list-benefits'>, ctx: Ctx): Out<'minsu', 'list-benefits'>;
}
