import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuthorityGateway, type AuthorityCall } from '../../src/authorities/ports/authority-gateway.port';
import { registerName } from './unused-gateway';
import { CitizenRepository } from '../../src/engine/persistence/citizen.repository';
import { CreateClientUseCase } from '../../src/engine/self-service/create-client.use-case';
import { StartJourneyUseCase } from '../../src/engine/use-cases/start-journey.use-case';
import { SecretBox, sealContext } from '../../src/platform/crypto/secret-box';

/** Every authority task succeeds at once: these suites are about the municipality's self-service steps. */
export class AcceptingGateway extends AuthorityGateway {
  execute(call: AuthorityCall): Promise<{ output: Record<string, unknown> }> {
    return registerName(call) ?? Promise.resolve({ output: {} });
  }
}

/** A move where a host must confirm (logiværtserklæring) and, optionally, the other parent is heard. */
export function movingAnswers(o: { hearing?: boolean; addressProtection?: boolean } = {}) {
  return {
    movingDate: '2026-06-01',
    newAddress: { darAddressId: '0a3f509e-2c5d-32b8-e044-0003ba298018', municipalityCode: '0101', careOf: 'Jensen' },
    othersRegisteredAtNewAddress: true,
    renting: false,
    childrenMoving: false,
    childLeavesJointCustodyHome: o.hearing ?? false,
    wantsAddressProtection: o.addressProtection ?? false,
  };
}

export function selfServiceHelpers(app: INestApplication) {
  const http = () => request(app.getHttpServer());
  const devToken = async (body: object) => (await http().post('/api/dev/token').send(body).expect(201)).body.token as string;
  return {
    http,
    devToken,
    createClient: (authority: string) => app.get(CreateClientUseCase).execute({ authority }),
    async clientToken(client: { clientId: string; clientSecret: string }): Promise<string> {
      const res = await http()
        .post('/api/oauth/token')
        .auth(client.clientId, client.clientSecret)
        .type('form')
        .send({ grant_type: 'client_credentials' })
        .expect(200);
      return res.body.access_token;
    },
    /**
     * The live task token of a journey's step as its subscribers receive it, opened from the sealed
     * copy the service keeps while a delivery is pending (the stored bodies never hold it).
     */
    async taskTokenOf(journeyId: string, step: string): Promise<string> {
      const [task] = await app
        .get(DataSource)
        .query(`SELECT id, token_sealed FROM task_token WHERE journey_id = $1 AND step = $2 AND status = 'awaiting'`, [journeyId, step]);
      if (!task?.token_sealed) throw new Error(`no sealed task token for ${step}: is a webhook delivery pending?`);
      return app.get(SecretBox).open(task.token_sealed, sealContext.taskToken(task.id));
    },
    /** One caseworker and one self-service client per authority, signed in once and kept for the suite. */
    authorityTokens() {
      const caseworkers = new Map<string, Promise<string>>();
      const systems = new Map<string, Promise<string>>();
      return {
        caseworker: (authority: string) => {
          if (!caseworkers.has(authority))
            caseworkers.set(
              authority,
              devToken({ role: 'caseworker', subject: `cw-${authority}`, authority, name: `Caseworker ${authority}` }),
            );
          return caseworkers.get(authority)!;
        },
        system: (authority: string) => {
          if (!systems.has(authority))
            systems.set(
              authority,
              this.createClient(authority).then((c) => this.clientToken(c)),
            );
          return systems.get(authority)!;
        },
      };
    },
    /** Starts a moving journey for a citizen and reports the move, which opens the municipality's steps. */
    async reportedMove(cpr: string, answers = movingAnswers()): Promise<{ journeyId: string; citizen: string }> {
      const citizen = await devToken({ role: 'citizen', subject: cpr });
      // Started through the use case: POST /api/journeys adds a birthDate fact that moving's facts schema does not allow.
      const citizenId = await app.get(CitizenRepository).idFor(cpr);
      const { journeyId } = await app
        .get(StartJourneyUseCase)
        .execute({ citizenId, type: 'moving', answers, facts: {}, actor: { kind: 'citizen', id: citizenId } });
      await http()
        .post(`/api/journeys/${journeyId}/events`)
        .set('Authorization', `Bearer ${citizen}`)
        .send({ type: 'move.reported', data: { reportedOn: '2026-05-20' } })
        .expect(200);
      return { journeyId, citizen };
    },
  };
}
