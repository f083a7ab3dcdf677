import type { AuthorityCallContext as Ctx, In, Out, PortShape } from './port-types';

/** Payment Denmark: housing benefit: the operations journeys request (journeys/shared/authority-tasks.ts). */
export abstract class UdbetalingDanmarkHousingPort implements PortShape<'udbetaling-danmark-housing'> {
  static readonly system = 'udbetaling-danmark-housing';
  abstract applyHousingBenefit(
    input: In<'udbetaling-danmark-housing', 'apply-housing-benefit'>,
    ctx: Ctx,
  ): Out<'udbetaling-danmark-housing', 'apply-housing-benefit'>;
  abstract reportHousingChange(
    input: In<'udbetaling-danmark-housing', 'report-housing-change'>,
    ctx: Ctx,
  ): Out<'udbetaling-danmark-housing', 'report-housing-change'>;
  abstract housingBenefitStatus(
    input: In<'udbetaling-danmark-housing', 'housing-benefit-status'>,
    ctx: Ctx,
  ): Out<'udbetaling-danmark-housing', 'housing-benefit-status'>;
  abstract listBenefits(
    input: In<'udbetaling-danmark-housing', 'list-benefits'>,
    ctx: Ctx,
  ): Out<'udbetaling-danmark-housing', 'list-benefits'>;
}
