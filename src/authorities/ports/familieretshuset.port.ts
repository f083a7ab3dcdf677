import type { AuthorityCallContext as Ctx, In, Out, PortShape } from './port-types';

/** Agency of Family Law: the operations journeys request (journeys/shared/authority-tasks.ts). */
export abstract class FamilieretshusetPort implements PortShape<'familieretshuset'> {
  static readonly system = 'familieretshuset';
  abstract applyDivorce(input: In<'familieretshuset', 'apply-divorce'>, ctx: Ctx): Out<'familieretshuset', 'apply-divorce'>;
  abstract caseStatus(input: In<'familieretshuset', 'case-status'>, ctx: Ctx): Out<'familieretshuset', 'case-status'>;
  abstract screeningResult(input: In<'familieretshuset', 'screening-result'>, ctx: Ctx): Out<'familieretshuset', 'screening-result'>;
  abstract requestTermsNegotiation(
    input: In<'familieretshuset', 'request-terms-negotiation'>,
    ctx: Ctx,
  ): Out<'familieretshuset', 'request-terms-negotiation'>;
  abstract applyChildArrangement(
    input: In<'familieretshuset', 'apply-child-arrangement'>,
    ctx: Ctx,
  ): Out<'familieretshuset', 'apply-child-arrangement'>;
  abstract applyChildSupport(
    input: In<'familieretshuset', 'apply-child-support'>,
    ctx: Ctx,
  ): Out<'familieretshuset', 'apply-child-support'>;
  abstract applyPaternityCase(
    input: In<'familieretshuset', 'apply-paternity-case'>,
    ctx: Ctx,
  ): Out<'familieretshuset', 'apply-paternity-case'>;
}
