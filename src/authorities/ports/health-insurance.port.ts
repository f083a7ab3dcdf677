import type { AuthorityCallContext as Ctx, In, Out, PortShape } from './port-types';

/** Health insurance and GP choice: the operations journeys request (journeys/shared/authority-tasks.ts). */
export abstract class HealthInsurancePort implements PortShape<'health-insurance'> {
  static readonly system = 'health-insurance';
  abstract listGpClinics(input: In<'health-insurance', 'list-gp-clinics'>, ctx: Ctx): Out<'health-insurance', 'list-gp-clinics'>;
  abstract changeGp(input: In<'health-insurance', 'change-gp'>, ctx: Ctx): Out<'health-insurance', 'change-gp'>;
  abstract orderHealthCard(input: In<'health-insurance', 'order-health-card'>, ctx: Ctx): Out<'health-insurance', 'order-health-card'>;
}
