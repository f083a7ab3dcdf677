import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from '../support/ports';
import { ServiceProcess } from '../support/service-process';

/** The two-command promise: `npm start` with nothing configured serves on an embedded PostgreSQL. */
describe('the service started with nothing configured', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lf-embedded-'));
  fs.chmodSync(dataDir, 0o755);
  let port: string;
  let service: ServiceProcess;
  const api = (p: string, init?: RequestInit) => fetch(`http://127.0.0.1:${port}${p}`, init);

  beforeAll(async () => {
    port = String(await freePort());
    service = new ServiceProcess({ PORT: port, DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()), LOG_LEVEL: 'info' });
  });

  afterAll(async () => {
    if (service?.exitCode === null) {
      service.signal('SIGTERM');
      await service.exited().catch(() => undefined);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('becomes ready, keeps its data across a restart, and stops cleanly on SIGTERM', async () => {
    service.start();
    await service.ready(90_000);
    // ROLE=all serves citizens itself: it keeps the priority it was started with.
    expect(os.getPriority(service.pid)).toBe(os.getPriority());
    expect(service.stdout).toContain(path.join(dataDir, 'postgres'));
    expect(service.stdout).toContain('set DATABASE_URL');

    const { token } = await (await api('/api/dev/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'citizen', subject: '0101901234' }) })).json();
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const types = await (await api('/api/journey-types')).json();
    const type = types.find((t: { id: string }) => t.id === 'moving');
    const created = await api('/api/journeys', { method: 'POST', headers: auth, body: JSON.stringify({ type: type.id, answers: type.startExample }) });
    expect(created.status).toBe(201);
    const journey = await created.json();

    service.signal('SIGTERM');
    expect(await service.exited()).toBe(0);
    expect(service.stdout).toContain('stopped');

    service.start();
    await service.ready(90_000);
    const again = await api(`/api/journeys/${journey.id}`, { headers: auth });
    expect(again.status).toBe(200);
    expect((await again.json()).id).toBe(journey.id);
    // No CPR number reached the log.
    expect(service.stdout + service.stderr).not.toContain('0101901234');
  }, 240_000);

  it('refuses a bad configuration value with one line naming the variable', async () => {
    const bad = new ServiceProcess({ PORT: 'abc', DATA_DIR: dataDir });
    bad.start();
    expect(await bad.exited()).toBe(1);
    expect(bad.stderr.trim().split('\n')).toEqual(['Invalid configuration: PORT must be an integer number (got "abc")']);
  });
});
