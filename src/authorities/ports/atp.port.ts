import type { AuthorityCallContext as Ctx, In, Out, PortShape } from './port-types';

/** ATP Lifelong Pension: the operations journeys request (journeys/shared/authority-tasks.ts). */
export abstract class AtpPort implements PortShape<'atp'> {
  static readonly system = 'atp';
  abstract payoutStatus(input: In<'atp', 'payout-status'>, ctx: Ctx): Out<'atp', 'payout-status'>;
  abstract deferPayout(input: In<'atp', 'defer-payout'>, ctx: Ctx): Out<'atp', 'defer-payout'>;
  abstract startPayout(input: In<'atp', 'start-payout'>, ctx: Ctx): Out<'atp', 'start-payout'>;
  abstract listBenefits(input: In<'atp', 'list-benefits'>, ctx: Ctx): Out<'atp', 'list-benefits'>;
}
