import type { AuthorityCallContext as Ctx, In, Out, PortShape } from './port-types';

/** Danish Health Data Authority: the operations journeys request (journeys/shared/authority-tasks.ts). */
export abstract class SundhedsdatastyrelsenPort implements PortShape<'sundhedsdatastyrelsen'> {
  static readonly system = 'sundhedsdatastyrelsen';
  abstract deathCertificateStatus(
    input: In<'sundhedsdatastyrelsen', 'death-certificate-status'>,
    ctx: Ctx,
  ): Out<'sundhedsdatastyrelsen', 'death-certificate-status'>;
}
