import type { NestExpressApplication } from '@nestjs/platform-express';
import { allDefinitions } from '../../journeys';
import { createTestApp } from '../support/app';
import { createTestDatabase } from '../support/database';
import { AcceptingGateway, selfServiceHelpers } from '../support/self-service';

const PRIVATE = 'must not point at a private address';
const LOOPBACK = 'must not point at a loopback address';
const LOCAL_NAME = 'must name a public host, not a local or internal name';
const RESERVED = 'must not point at a reserved or special-purpose address';

/** Internal targets in every mode: each spelling a client could use to reach behind the firewall. */
const INTERNAL: [url: string, reason: string][] = [
  ['https://169.254.169.254/latest/meta-data/', 'must not point at a link-local address'],
  ['https://10.0.0.5/hooks', PRIVATE],
  ['https://172.16.3.4/hooks', PRIVATE],
  ['https://192.168.1.10/hooks', PRIVATE],
  ['https://100.64.0.1/hooks', 'must not point at a carrier-grade NAT address'],
  ['https://224.0.0.251/hooks', 'must not point at a multicast address'],
  ['https://0.0.0.0/hooks', 'must not point at an unspecified address'],
  ['https://255.255.255.255/hooks', 'must not point at a broadcast address'],
  ['https://240.0.0.1/hooks', RESERVED],
  ['https://192.0.2.10/hooks', RESERVED],
  ['https://[fd00::1]/hooks', 'must not point at a unique-local address'],
  ['https://[fe80::1]/hooks', 'must not point at a link-local address'],
  ['https://[ff02::1]/hooks', 'must not point at a multicast address'],
  ['https://[::]/hooks', 'must not point at an unspecified address'],
  ['https://[::ffff:127.0.0.1]/hooks', 'must not point at an IPv4-mapped IPv6 address'],
  ['https://[::ffff:a9fe:a9fe]/hooks', 'must not point at an IPv4-mapped IPv6 address'],
  ['https://[64:ff9b::a9fe:a9fe]/hooks', 'must not point at an IPv4-embedded (NAT64) IPv6 address'],
  ['https://[::127.0.0.1]/hooks', RESERVED],
  ['https://0xa9fea9fe/latest/meta-data/', 'must not point at a link-local address'],
  ['https://metadata/computeMetadata/v1/', LOCAL_NAME],
  ['https://db.internal/hooks', LOCAL_NAME],
  ['https://printer.local./hooks', LOCAL_NAME],
];

/** This machine: allowed only in AUTH_MODE=dev, where a developer receives webhooks locally. */
const THIS_MACHINE: [url: string, reason: string][] = [
  ['https://127.0.0.1/hooks', LOOPBACK],
  ['https://0x7f000001/hooks', LOOPBACK],
  ['https://2130706433/hooks', LOOPBACK],
  ['https://127.1:5432/', LOOPBACK],
  ['https://localhost:5432/', LOOPBACK],
  ['https://LOCALHOST./hooks', LOOPBACK],
  ['https://api.localhost/hooks', LOOPBACK],
  ['https://[::1]/hooks', LOOPBACK],
  ['http://127.0.0.1:8080/hooks', 'must be https'],
];

const moving = allDefinitions().filter((d) => d.id === 'moving');

function suite(mode: 'oidc' | 'dev') {
  let app: NestExpressApplication;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let h: ReturnType<typeof selfServiceHelpers>;
  let token: string;

  beforeAll(async () => {
    db = await createTestDatabase(`webhook_targets_${mode}`);
    app = await createTestApp({
      databaseUrl: db.url,
      backend: 'postgres',
      definitions: moving,
      gateway: new AcceptingGateway(),
      namespace: `webhook_targets_${mode}_${process.pid}`,
      env:
        mode === 'oidc'
          ? {
              AUTH_MODE: 'oidc',
              OIDC_ISSUER: 'https://idp.invalid',
              OIDC_AUDIENCE: 'livsforloeb',
              OIDC_JWKS_URL: 'https://idp.invalid/jwks',
              SECRETS_KEY: `k:${Buffer.alloc(32, 3).toString('base64')}`,
            }
          : {},
    });
    h = selfServiceHelpers(app);
    token = await h.clientToken(await h.createClient('municipality'));
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const subscribe = (url: string) =>
    h
      .http()
      .post('/api/self-service/webhooks')
      .set('Authorization', `Bearer ${token}`)
      .send({ url, events: ['step.awaiting'] });
  const listed = async () =>
    (await h.http().get('/api/self-service/webhooks').set('Authorization', `Bearer ${token}`).expect(200)).body as { url: string }[];

  return { subscribe, listed };
}

describe('webhook targets outside development mode', () => {
  const { subscribe, listed } = suite('oidc');

  it.each([...INTERNAL, ...THIS_MACHINE])('refuses %s with 400 naming url: %s', async (url, reason) => {
    const res = await subscribe(url).expect(400);
    expect(res.body.fields).toEqual([{ field: 'url', reason }]);
    expect(res.body.message).toBe(`Invalid webhook URL: ${reason}`);
  });

  it('stored none of the refused targets, and accepts public https targets', async () => {
    expect(await listed()).toEqual([]);
    await subscribe('https://hooks.kommune.example.dk/livsforloeb').expect(201);
    await subscribe('https://93.184.215.14/hooks').expect(201);
    await subscribe('https://[2a00:1450:4001:80e::200e]/hooks').expect(201);
    expect((await listed()).map((s) => s.url)).toEqual([
      'https://hooks.kommune.example.dk/livsforloeb',
      'https://93.184.215.14/hooks',
      'https://[2a00:1450:4001:80e::200e]/hooks',
    ]);
  });
});

describe('webhook targets in development mode', () => {
  const { subscribe, listed } = suite('dev');

  it.each(INTERNAL)('still refuses %s: %s', async (url, reason) => {
    const res = await subscribe(url).expect(400);
    expect(res.body.fields).toEqual([{ field: 'url', reason }]);
  });

  it('accepts this machine, over http too, for local testing', async () => {
    expect(await listed()).toEqual([]);
    for (const url of ['http://127.0.0.1:3999/hooks', 'http://localhost:3999/hooks', 'https://0x7f000001:3999/hooks'])
      await subscribe(url).expect(201);
    expect((await listed()).map((s) => s.url)).toEqual([
      'http://127.0.0.1:3999/hooks',
      'http://localhost:3999/hooks',
      'https://127.0.0.1:3999/hooks',
    ]);
  });
});
