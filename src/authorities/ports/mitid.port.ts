import type { AuthorityCallContext as Ctx, In, Out, PortShape } from './port-types';

/** MitID and NemLog-in: the operations journeys request (journeys/shared/authority-tasks.ts). */
export abstract class MitIdPort implements PortShape<'mitid'> {
  static readonly system = 'mitid';
  abstract identityStatus(input: In<'mitid', 'identity-status'>, ctx: Ctx): Out<'mitid', 'identity-status'>;
  abstract createSigningRequest(input: In<'mitid', 'create-signing-request'>, ctx: Ctx): Out<'mitid', 'create-signing-request'>;
  abstract signingStatus(input: In<'mitid', 'signing-status'>, ctx: Ctx): Out<'mitid', 'signing-status'>;
}
