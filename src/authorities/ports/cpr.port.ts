import type { AuthorityCallContext as Ctx, In, Out, PortShape } from './port-types';

/** Civil Registration System: the operations journeys request (journeys/shared/authority-tasks.ts). */
export abstract class CprPort implements PortShape<'cpr'> {
  static readonly system = 'cpr';
  abstract lookupPerson(input: In<'cpr', 'lookup-person'>, ctx: Ctx): Out<'cpr', 'lookup-person'>;
  abstract lookupName(input: In<'cpr', 'lookup-name'>, ctx: Ctx): Out<'cpr', 'lookup-name'>;
  abstract registerMove(input: In<'cpr', 'register-move'>, ctx: Ctx): Out<'cpr', 'register-move'>;
  abstract confirmMoveRegistration(input: In<'cpr', 'confirm-move-registration'>, ctx: Ctx): Out<'cpr', 'confirm-move-registration'>;
  abstract registerEmigration(input: In<'cpr', 'register-emigration'>, ctx: Ctx): Out<'cpr', 'register-emigration'>;
  abstract registerImmigration(input: In<'cpr', 'register-immigration'>, ctx: Ctx): Out<'cpr', 'register-immigration'>;
  abstract registrationStatus(input: In<'cpr', 'registration-status'>, ctx: Ctx): Out<'cpr', 'registration-status'>;
  abstract confirmEmigrationRegistration(
    input: In<'cpr', 'confirm-emigration-registration'>,
    ctx: Ctx,
  ): Out<'cpr', 'confirm-emigration-registration'>;
}
