import type { AuthorityCallContext as Ctx, In, Out, PortShape } from './port-types';

/** NemKonto (easy account): the operations journeys request (journeys/shared/authority-tasks.ts). */
export abstract class NemkontoPort implements PortShape<'nemkonto'> {
  static readonly system = 'nemkonto';
  abstract accountStatus(input: In<'nemkonto', 'account-status'>, ctx: Ctx): Out<'nemkonto', 'account-status'>;
}
