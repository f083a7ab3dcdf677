import type { AuthorityCallContext as Ctx, In, Out, PortShape } from './port-types';

/** Optagelse.dk (admissions): the operations journeys request (journeys/shared/authority-tasks.ts). */
export abstract class OptagelseDkPort implements PortShape<'optagelse-dk'> {
  static readonly system = 'optagelse-dk';
  abstract readinessAssessment(input: In<'optagelse-dk', 'readiness-assessment'>, ctx: Ctx): Out<'optagelse-dk', 'readiness-assessment'>;
  abstract submitYouthApplication(
    input: In<'optagelse-dk', 'submit-youth-application'>,
    ctx: Ctx,
  ): Out<'optagelse-dk', 'submit-youth-application'>;
  abstract submitHigherApplication(
    input: In<'optagelse-dk', 'submit-higher-application'>,
    ctx: Ctx,
  ): Out<'optagelse-dk', 'submit-higher-application'>;
  abstract applicationStatus(input: In<'optagelse-dk', 'application-status'>, ctx: Ctx): Out<'optagelse-dk', 'application-status'>;
  abstract acceptPlace(input: In<'optagelse-dk', 'accept-place'>, ctx: Ctx): Out<'optagelse-dk', 'accept-place'>;
}
