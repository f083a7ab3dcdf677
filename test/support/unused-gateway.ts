import { AuthorityGateway } from '../../src/authorities/ports/authority-gateway.port';

/** For suites whose processes never call an authority (role api, or no integration tasks): a call is a test bug. */
export class UnusedGateway extends AuthorityGateway {
  execute(): Promise<never> {
    return Promise.reject(new Error('no authority call is expected in this suite'));
  }
}
