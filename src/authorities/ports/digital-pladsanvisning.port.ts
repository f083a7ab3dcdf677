import type { AuthorityCallContext as Ctx, In, Out, PortShape } from './port-types';

/** Daycare allocation and school enrolment: the operations journeys request (journeys/shared/authority-tasks.ts). */
export abstract class DigitalPladsanvisningPort implements PortShape<'digital-pladsanvisning'> {
  static readonly system = 'digital-pladsanvisning';
  abstract signupDaycare(input: In<'digital-pladsanvisning', 'signup-daycare'>, ctx: Ctx): Out<'digital-pladsanvisning', 'signup-daycare'>;
  abstract enrolSchool(input: In<'digital-pladsanvisning', 'enrol-school'>, ctx: Ctx): Out<'digital-pladsanvisning', 'enrol-school'>;
  abstract cancelPlace(input: In<'digital-pladsanvisning', 'cancel-place'>, ctx: Ctx): Out<'digital-pladsanvisning', 'cancel-place'>;
}
