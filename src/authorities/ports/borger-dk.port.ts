import type { AuthorityCallContext as Ctx, In, Out, PortShape } from './port-types';

/** borger.dk self-services: the operations journeys request (journeys/shared/authority-tasks.ts). */
export abstract class BorgerDkPort implements PortShape<'borger-dk'> {
  static readonly system = 'borger-dk';
  abstract selfServiceLink(input: In<'borger-dk', 'self-service-link'>, ctx: Ctx): Out<'borger-dk', 'self-service-link'>;
  abstract submissionStatus(input: In<'borger-dk', 'submission-status'>, ctx: Ctx): Out<'borger-dk', 'submission-status'>;
}
