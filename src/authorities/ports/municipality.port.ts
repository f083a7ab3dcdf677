import type { AuthorityCallContext as Ctx, In, Out, PortShape } from './port-types';

/** Municipal registry and citizen service: the operations journeys request (journeys/shared/authority-tasks.ts). */
export abstract class MunicipalityPort implements PortShape<'municipality'> {
  static readonly system = 'municipality';
  abstract requestLandlordDeclaration(
    input: In<'municipality', 'request-landlord-declaration'>,
    ctx: Ctx,
  ): Out<'municipality', 'request-landlord-declaration'>;
  abstract requestChildMoveHearing(
    input: In<'municipality', 'request-child-move-hearing'>,
    ctx: Ctx,
  ): Out<'municipality', 'request-child-move-hearing'>;
  abstract caseStatus(input: In<'municipality', 'case-status'>, ctx: Ctx): Out<'municipality', 'case-status'>;
  abstract bookAppointment(input: In<'municipality', 'book-appointment'>, ctx: Ctx): Out<'municipality', 'book-appointment'>;
  abstract applyAddressProtection(
    input: In<'municipality', 'apply-address-protection'>,
    ctx: Ctx,
  ): Out<'municipality', 'apply-address-protection'>;
  abstract applySocialAssistance(
    input: In<'municipality', 'apply-social-assistance'>,
    ctx: Ctx,
  ): Out<'municipality', 'apply-social-assistance'>;
}
