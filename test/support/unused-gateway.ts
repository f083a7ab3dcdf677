import { AuthorityGateway } from '../../src/authorities/ports/authority-gateway.port';

/** For suites whose processes never call an authority (role api, or no integration tasks): a call is a test bug. */
export class UnusedGateway extends AuthorityGateway {
  async execute(): Promise<never> {
    throw new Error('no authority call is expected in this suite');
  }
}
