import { execFile } from 'node:child_process';
import * as path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createTestApp } from '../support/app';
import { contractCheck } from '../support/openapi-contract';
import { createTestDatabase } from '../support/database';
import { UnusedGateway } from '../support/experience';
import { errandV1 } from '../support/fixtures/errand.journey';

const ROOT = path.join(__dirname, '../..');

/**
 * The operator's client commands (`npm run clients:create | clients:list | clients:disable |
 * clients:rotate-secret`, the built CLIs `npm test` runs against) and what a system then sees on
 * the HTTP API: an old secret is refused at once, and a token issued before is refused at its next call.
 */
describe('self-service client lifecycle', () => {
  const contract = contractCheck();
  let app: NestExpressApplication;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const http = () => request(app.getHttpServer());

  const cli = (script: string, args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [path.join(ROOT, 'dist/src/engine/self-service', script), ...args],
        { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATABASE_URL: db.url, AUTH_MODE: 'dev' } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  const clients = (...args: string[]) => cli('clients-manage.cli.js', args);
  const printed = (stdout: string, field: string) => new RegExp(`^${field}:\\s+(\\S+)$`, 'm').exec(stdout)![1];

  const token = (id: string, secret: string) =>
    http().post('/api/oauth/token').auth(id, secret).type('form').send({ grant_type: 'client_credentials' });
  const listWebhooks = (bearer: string) => http().get('/api/self-service/webhooks').set('Authorization', `Bearer ${bearer}`);

  beforeAll(async () => {
    db = await createTestDatabase('client_lifecycle');
    app = await createTestApp({
      contract,
      databaseUrl: db.url,
      backend: 'postgres',
      definitions: [errandV1],
      gateway: new UnusedGateway(),
      role: 'api',
      namespace: 'client_lifecycle',
    });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('does list, rotate and disable a client, refusing old secrets and old tokens at once', async () => {
    const created = await cli('clients-create.cli.js', ['--authority', 'municipality', '--name', 'Flyttesag']);
    expect(created.code).toBe(0);
    const id = printed(created.stdout, 'client_id');
    const firstSecret = printed(created.stdout, 'client_secret');
    const other = await cli('clients-create.cli.js', ['--authority', 'skattestyrelsen']);
    const otherId = printed(other.stdout, 'client_id');

    const listed = await clients('list');
    expect(listed.code).toBe(0);
    const row = listed.stdout.split('\n').find((l) => l.startsWith(id))!;
    expect(row).toMatch(new RegExp(`^${id}\\s+municipality\\s+active\\s+#1\\s+\\d{4}-\\d\\d-\\d\\d \\S+Z\\s+Flyttesag$`));
    expect(listed.stdout).toContain(otherId);
    expect(listed.stdout).not.toContain('scrypt');

    const firstToken = (await token(id, firstSecret).expect(200)).body.access_token as string;
    await listWebhooks(firstToken).expect(200);

    // Rotation: a new secret, shown once; the old secret and the token issued under it stop at once.
    const rotated = await clients('rotate-secret', '--id', id);
    expect(rotated.code).toBe(0);
    const secondSecret = printed(rotated.stdout, 'client_secret');
    expect(secondSecret).toMatch(/^lfs_/);
    expect(secondSecret).not.toBe(firstSecret);
    expect(rotated.stdout).toContain('Secret #2: the previous secret and every token issued under it are refused');
    expect((await token(id, firstSecret).expect(401)).body.error).toBe('invalid_client');
    const stale = await listWebhooks(firstToken).expect(401);
    expect(stale.body.message).toMatch(/rotated/);
    const secondToken = (await token(id, secondSecret).expect(200)).body.access_token as string;
    await listWebhooks(secondToken).expect(200);
    expect((await clients('list')).stdout.split('\n').find((l) => l.startsWith(id))).toMatch(/active\s+#2, rotated \d{4}-/);

    // Disabling: the secret and the token already issued are refused; the other client goes on.
    const otherToken = (await token(otherId, printed(other.stdout, 'client_secret')).expect(200)).body.access_token as string;
    const disabled = await clients('disable', '--id', id);
    expect(disabled.code).toBe(0);
    expect(disabled.stdout).toContain(`client ${id} (municipality) is disabled since`);
    await listWebhooks(secondToken).expect(401);
    expect((await token(id, secondSecret).expect(401)).body.error).toBe('invalid_client');
    await listWebhooks(otherToken).expect(200);
    expect((await clients('list')).stdout.split('\n').find((l) => l.startsWith(id))).toMatch(/disabled \d{4}-\d\d-\d\d/);

    // A disabled client's secret is not rotated back into use.
    const refused = await clients('rotate-secret', '--id', id);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`Client "${id}" is disabled`);
    expect(refused.stdout).not.toContain('client_secret');
  });

  it('does refuse a missing, malformed or unknown id with a message naming it', async () => {
    const missing = await clients('disable');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('usage: npm run clients:list');
    const malformed = await clients('rotate-secret', '--id', 'NOT AN ID');
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain('The client id is not valid\n  --id: must be a client id');
    const unknown = await clients('disable', '--id', 'municipality-000000000000');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No client with id "municipality-000000000000"');
    const unknownCommand = await clients('delete', '--id', 'municipality-000000000000');
    expect(unknownCommand.code).toBe(1);
    expect(unknownCommand.stderr).toContain('usage:');
  });
});
