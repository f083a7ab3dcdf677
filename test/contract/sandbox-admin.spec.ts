import { startSandbox, type Sandbox } from '../../src/authorities/sandbox/sandbox.server';

describe('authority sandbox admin API', () => {
  let sandbox: Sandbox;
  const post = (path: string, body: unknown, key?: string) =>
    fetch(`${sandbox.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
      body: JSON.stringify(body),
    });
  const get = async (path: string) => (await fetch(`${sandbox.url}${path}`)).json() as Promise<Record<string, unknown>>;
  const move = {
    movers: [{ relation: 'self' }],
    addressId: '0a3f50a0-75e9-32b8-e044-0003ba298018',
    moveDate: new Date().toISOString().slice(0, 10),
  };
  const subject = { cpr: '150390-1234' };

  beforeEach(async () => {
    sandbox = await startSandbox({ latencyScale: 0, faults: { '*': { latencyMs: 1 } } });
  });
  afterEach(() => sandbox.close());

  it('reads and replaces the fault configuration, refusing nonsense', async () => {
    expect(await get('/admin/faults')).toEqual({ '*': { latencyMs: 1 } });
    const faults = { cpr: { errorRate: 0.5, timeoutRate: 0.1, outage: { from: '2030-01-01T00:00:00Z', to: '2030-01-02T00:00:00Z' } } };
    const put = await fetch(`${sandbox.url}/admin/faults`, { method: 'PUT', body: JSON.stringify(faults) });
    expect(put.status).toBe(200);
    expect(await get('/admin/faults')).toEqual(faults);

    for (const bad of [{ cpr: { errorRate: 2 } }, { mars: {} }, { cpr: { speed: 1 } }, { cpr: { outage: { from: 'soon' } } }]) {
      const res = await fetch(`${sandbox.url}/admin/faults`, { method: 'PUT', body: JSON.stringify(bad) });
      expect(res.status).toBe(400);
      await expect(res.json()).resolves.toMatchObject({ code: 'INVALID_FAULTS' });
    }
  });

  it('lists calls and side effects, filtered by system and key, without request bodies', async () => {
    await post('/systems/cpr/tasks/register-move', { input: move, subject, journeyRef: 'j-1', step: 'report-move' }, 'key-a');
    await post('/systems/cpr/tasks/register-move', { input: move, subject, journeyRef: 'j-1', step: 'report-move' }, 'key-a');
    await post('/systems/dar/tasks/validate-address', { input: { addressId: move.addressId } }, 'key-b');

    const { calls } = (await get('/admin/calls?system=cpr&key=key-a')) as { calls: Record<string, unknown>[] };
    expect(calls.map((c) => [c.attempt, c.outcome, c.status])).toEqual([
      [1, 'applied', 200],
      [2, 'replayed', 200],
    ]);
    expect(JSON.stringify(await get('/admin/calls'))).not.toContain('150390');
    expect(JSON.stringify(await get('/admin/side-effects'))).not.toContain('150390');
    expect(await get('/admin/side-effects?key=key-a')).toEqual({
      sideEffects: [
        expect.objectContaining({
          idempotencyKey: 'key-a',
          system: 'cpr',
          task: 'register-move',
          journeyRef: 'j-1',
          count: 1,
          requests: 2,
        }),
      ],
    });
    expect(await get('/admin/side-effects?system=dar')).toEqual({ sideEffects: [] });
  });

  it('forgets everything on reset and restores the start faults', async () => {
    await fetch(`${sandbox.url}/admin/faults`, { method: 'PUT', body: JSON.stringify({ cpr: { errorRate: 1 } }) });
    await post('/systems/dar/tasks/validate-address', { input: { addressId: move.addressId } }, 'key-c');
    expect((await post('/admin/reset', {})).status).toBe(204);
    expect(await get('/admin/calls')).toEqual({ calls: [] });
    expect(await get('/admin/faults')).toEqual({ '*': { latencyMs: 1 } });
  });

  it('refuses requests that break the wire format', async () => {
    const noKey = await post('/systems/cpr/tasks/register-move', { input: move });
    expect(noKey.status).toBe(400);
    await expect(noKey.json()).resolves.toMatchObject({ code: 'IDEMPOTENCY_KEY_REQUIRED' });
    const noInput = await post('/systems/cpr/tasks/register-move', { journeyRef: 'j' }, 'k1');
    expect(noInput.status).toBe(400);
    for (const bad of [{ cpr: '15039' }, '150390-1234', { number: '150390-1234' }]) {
      const badSubject = await post('/systems/cpr/tasks/register-move', { input: move, subject: bad }, 'k4');
      expect(badSubject.status).toBe(400);
      const text = await badSubject.text();
      expect(JSON.parse(text)).toMatchObject({ code: 'BAD_REQUEST' });
      expect(text).not.toContain('15039');
    }
    const unknown = await post('/systems/cpr/tasks/teleport', { input: {} }, 'k2');
    expect(unknown.status).toBe(404);
    await expect(unknown.json()).resolves.toMatchObject({ code: 'UNKNOWN_TASK' });
    const huge = await post('/systems/cpr/tasks/register-move', { input: { pad: 'x'.repeat(300 * 1024) } }, 'k3');
    expect(huge.status).toBe(413);
    expect((await fetch(`${sandbox.url}/systems/cpr/tasks/register-move`)).status).toBe(405);
    expect((await fetch(`${sandbox.url}/health`)).status).toBe(200);
  });
});
