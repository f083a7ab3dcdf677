import type { AuthorityCallContext as Ctx, In, Out, PortShape } from './port-types';

/** Unemployment insurance fund: the operations journeys request (journeys/shared/authority-tasks.ts). */
export abstract class AKassePort implements PortShape<'a-kasse'> {
  static readonly system = 'a-kasse';
  abstract membershipStatus(input: In<'a-kasse', 'membership-status'>, ctx: Ctx): Out<'a-kasse', 'membership-status'>;
  abstract submitUnemploymentDeclaration(
    input: In<'a-kasse', 'submit-unemployment-declaration'>,
    ctx: Ctx,
  ): Out<'a-kasse', 'submit-unemployment-declaration'>;
  abstract submitMonthlyClaim(input: In<'a-kasse', 'submit-monthly-claim'>, ctx: Ctx): Out<'a-kasse', 'submit-monthly-claim'>;
  abstract listBenefits(input: In<'a-kasse', 'list-benefits'>, ctx: Ctx): Out<'a-kasse', 'list-benefits'>;
}
