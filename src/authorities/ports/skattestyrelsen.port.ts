import type { AuthorityCallContext as Ctx, In, Out, PortShape } from './port-types';

/** Danish Tax Agency: the operations journeys request (journeys/shared/authority-tasks.ts). */
export abstract class SkattestyrelsenPort implements PortShape<'skattestyrelsen'> {
  static readonly system = 'skattestyrelsen';
  abstract fetchIncome(input: In<'skattestyrelsen', 'fetch-income'>, ctx: Ctx): Out<'skattestyrelsen', 'fetch-income'>;
  abstract getTaxCard(input: In<'skattestyrelsen', 'get-tax-card'>, ctx: Ctx): Out<'skattestyrelsen', 'get-tax-card'>;
  abstract setTaxCardType(input: In<'skattestyrelsen', 'set-tax-card-type'>, ctx: Ctx): Out<'skattestyrelsen', 'set-tax-card-type'>;
  abstract updatePreliminaryAssessment(
    input: In<'skattestyrelsen', 'update-preliminary-assessment'>,
    ctx: Ctx,
  ): Out<'skattestyrelsen', 'update-preliminary-assessment'>;
  abstract reportEmigration(input: In<'skattestyrelsen', 'report-emigration'>, ctx: Ctx): Out<'skattestyrelsen', 'report-emigration'>;
  abstract applyTaxCard(input: In<'skattestyrelsen', 'apply-tax-card'>, ctx: Ctx): Out<'skattestyrelsen', 'apply-tax-card'>;
  abstract confirmTaxCard(input: In<'skattestyrelsen', 'confirm-tax-card'>, ctx: Ctx): Out<'skattestyrelsen', 'confirm-tax-card'>;
  abstract confirmPayrollReported(
    input: In<'skattestyrelsen', 'confirm-payroll-reported'>,
    ctx: Ctx,
  ): Out<'skattestyrelsen', 'confirm-payroll-reported'>;
}
