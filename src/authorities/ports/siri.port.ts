import type { AuthorityCallContext as Ctx, In, Out, PortShape } from './port-types';

/** SIRI and International Citizen Service: the operations journeys request (journeys/shared/authority-tasks.ts). */
export abstract class SiriPort implements PortShape<'siri'> {
  static readonly system = 'siri';
  abstract applyEuResidenceDocument(input: In<'siri', 'apply-eu-residence-document'>, ctx: Ctx): Out<'siri', 'apply-eu-residence-document'>;
  abstract caseStatus(input: In<'siri', 'case-status'>, ctx: Ctx): Out<'siri', 'case-status'>;
  abstract bookAppointment(input: In<'siri', 'book-appointment'>, ctx: Ctx): Out<'siri', 'book-appointment'>;
}
