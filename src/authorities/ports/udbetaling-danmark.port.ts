import type { AuthorityCallContext as Ctx, In, Out, PortShape } from './port-types';

/** Payment Denmark: family benefits and parental leave: the operations journeys request (journeys/shared/authority-tasks.ts). */
export abstract class UdbetalingDanmarkPort implements PortShape<'udbetaling-danmark'> {
  static readonly system = 'udbetaling-danmark';
  abstract childBenefitStatus(
    input: In<'udbetaling-danmark', 'child-benefit-status'>,
    ctx: Ctx,
  ): Out<'udbetaling-danmark', 'child-benefit-status'>;
  abstract applyChildBenefit(
    input: In<'udbetaling-danmark', 'apply-child-benefit'>,
    ctx: Ctx,
  ): Out<'udbetaling-danmark', 'apply-child-benefit'>;
  abstract changeChildBenefitSplit(
    input: In<'udbetaling-danmark', 'change-child-benefit-split'>,
    ctx: Ctx,
  ): Out<'udbetaling-danmark', 'change-child-benefit-split'>;
  abstract applySingleParentAllowance(
    input: In<'udbetaling-danmark', 'apply-single-parent-allowance'>,
    ctx: Ctx,
  ): Out<'udbetaling-danmark', 'apply-single-parent-allowance'>;
  abstract applyMaternityBenefit(
    input: In<'udbetaling-danmark', 'apply-maternity-benefit'>,
    ctx: Ctx,
  ): Out<'udbetaling-danmark', 'apply-maternity-benefit'>;
  abstract reportChange(input: In<'udbetaling-danmark', 'report-change'>, ctx: Ctx): Out<'udbetaling-danmark', 'report-change'>;
  abstract listBenefits(input: In<'udbetaling-danmark', 'list-benefits'>, ctx: Ctx): Out<'udbetaling-danmark', 'list-benefits'>;
}
