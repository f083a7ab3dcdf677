import type { AuthorityCallContext as Ctx, In, Out, PortShape } from './port-types';

/** Danish Address Register: the operations journeys request (journeys/shared/authority-tasks.ts). */
export abstract class DarPort implements PortShape<'dar'> {
  static readonly system = 'dar';
  abstract validateAddress(input: In<'dar', 'validate-address'>, ctx: Ctx): Out<'dar', 'validate-address'>;
  abstract searchAddress(input: In<'dar', 'search-address'>, ctx: Ctx): Out<'dar', 'search-address'>;
}
