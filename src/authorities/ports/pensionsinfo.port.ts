import type { AuthorityCallContext as Ctx, In, Out, PortShape } from './port-types';

/** PensionsInfo (Forsikring & Pension): the operations journeys request (journeys/shared/authority-tasks.ts). */
export abstract class PensionsInfoPort implements PortShape<'pensionsinfo'> {
  static readonly system = 'pensionsinfo';
  abstract pensionOverview(input: In<'pensionsinfo', 'pension-overview'>, ctx: Ctx): Out<'pensionsinfo', 'pension-overview'>;
}
