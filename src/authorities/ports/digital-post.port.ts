import type { AuthorityCallContext as Ctx, In, Out, PortShape } from './port-types';

/** Digital Post: the operations journeys request (journeys/shared/authority-tasks.ts). */
export abstract class DigitalPostPort implements PortShape<'digital-post'> {
  static readonly system = 'digital-post';
  abstract sendLetter(input: In<'digital-post', 'send-letter'>, ctx: Ctx): Out<'digital-post', 'send-letter'>;
  abstract mailboxStatus(input: In<'digital-post', 'mailbox-status'>, ctx: Ctx): Out<'digital-post', 'mailbox-status'>;
  abstract createMailbox(input: In<'digital-post', 'create-mailbox'>, ctx: Ctx): Out<'digital-post', 'create-mailbox'>;
  abstract registerExemption(input: In<'digital-post', 'register-exemption'>, ctx: Ctx): Out<'digital-post', 'register-exemption'>;
  abstract grantReadAccess(input: In<'digital-post', 'grant-read-access'>, ctx: Ctx): Out<'digital-post', 'grant-read-access'>;
  abstract closeMailbox(input: In<'digital-post', 'close-mailbox'>, ctx: Ctx): Out<'digital-post', 'close-mailbox'>;
  abstract requestEstateAccess(input: In<'digital-post', 'request-estate-access'>, ctx: Ctx): Out<'digital-post', 'request-estate-access'>;
}
