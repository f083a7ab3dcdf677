import type { AuthorityCallContext as Ctx, In, Out, PortShape } from './port-types';

/** Parish registrar: the operations journeys request (journeys/shared/authority-tasks.ts). */
export abstract class ParishRegistrarPort implements PortShape<'parish-registrar'> {
  static readonly system = 'parish-registrar';
  abstract registerBirth(input: In<'parish-registrar', 'register-birth'>, ctx: Ctx): Out<'parish-registrar', 'register-birth'>;
  abstract registerName(input: In<'parish-registrar', 'register-name'>, ctx: Ctx): Out<'parish-registrar', 'register-name'>;
  abstract declareCareAndResponsibility(
    input: In<'parish-registrar', 'declare-care-and-responsibility'>,
    ctx: Ctx,
  ): Out<'parish-registrar', 'declare-care-and-responsibility'>;
  abstract requestBurial(input: In<'parish-registrar', 'request-burial'>, ctx: Ctx): Out<'parish-registrar', 'request-burial'>;
}
