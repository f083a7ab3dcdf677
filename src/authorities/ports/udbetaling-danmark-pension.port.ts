import type { AuthorityCallContext as Ctx, In, Out, PortShape } from './port-types';

/** Payment Denmark: pension, grants and holiday pay: the operations journeys request (journeys/shared/authority-tasks.ts). */
export abstract class UdbetalingDanmarkPensionPort implements PortShape<'udbetaling-danmark-pension'> {
  static readonly system = 'udbetaling-danmark-pension';
  abstract applyFolkepension(
    input: In<'udbetaling-danmark-pension', 'apply-folkepension'>,
    ctx: Ctx,
  ): Out<'udbetaling-danmark-pension', 'apply-folkepension'>;
  abstract caseStatus(input: In<'udbetaling-danmark-pension', 'case-status'>, ctx: Ctx): Out<'udbetaling-danmark-pension', 'case-status'>;
  abstract applyFuneralGrant(
    input: In<'udbetaling-danmark-pension', 'apply-funeral-grant'>,
    ctx: Ctx,
  ): Out<'udbetaling-danmark-pension', 'apply-funeral-grant'>;
  abstract applySurvivorGrant(
    input: In<'udbetaling-danmark-pension', 'apply-survivor-grant'>,
    ctx: Ctx,
  ): Out<'udbetaling-danmark-pension', 'apply-survivor-grant'>;
  abstract requestHolidayPay(
    input: In<'udbetaling-danmark-pension', 'request-holiday-pay'>,
    ctx: Ctx,
  ): Out<'udbetaling-danmark-pension', 'request-holiday-pay'>;
  abstract holidayPayBalance(
    input: In<'udbetaling-danmark-pension', 'holiday-pay-balance'>,
    ctx: Ctx,
  ): Out<'udbetaling-danmark-pension', 'holiday-pay-balance'>;
  abstract listBenefits(
    input: In<'udbetaling-danmark-pension', 'list-benefits'>,
    ctx: Ctx,
  ): Out<'udbetaling-danmark-pension', 'list-benefits'>;
}
