import type { AuthorityCallContext as Ctx, In, Out, PortShape } from './port-types';

/** Probate court: the operations journeys request (journeys/shared/authority-tasks.ts). */
export abstract class ProbateCourtPort implements PortShape<'probate-court'> {
  static readonly system = 'probate-court';
  abstract estateCaseStatus(input: In<'probate-court', 'estate-case-status'>, ctx: Ctx): Out<'probate-court', 'estate-case-status'>;
  abstract chooseSettlement(input: In<'probate-court', 'choose-settlement'>, ctx: Ctx): Out<'probate-court', 'choose-settlement'>;
  abstract requestProbateCertificate(
    input: In<'probate-court', 'request-probate-certificate'>,
    ctx: Ctx,
  ): Out<'probate-court', 'request-probate-certificate'>;
  abstract applyEstateDivision(
    input: In<'probate-court', 'apply-estate-division'>,
    ctx: Ctx,
  ): Out<'probate-court', 'apply-estate-division'>;
}
