import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AUTHORITY_TASKS } from '../../../journeys/shared/authority-tasks';
import type { AuthoritySystemId } from '../../../journeys/shared/contract';
import { parseFaults, type FaultConfig } from './faults';
import { SandboxStore, type CallFilter, type SandboxCall, type SideEffect } from './sandbox-store';
import { TaskSimulator, type Answer } from './task-simulator';

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  faults?: FaultConfig;
  seed?: number;
  /** 1 (default) simulates realistic latencies (15–250 ms); 0 answers at once. */
  latencyScale?: number;
  /** How long a `timeoutRate` fault holds its answer before giving up with 504 (default 30 s). */
  hangMs?: number;
  /** Systems that demand Basic credentials. */
  credentials?: Partial<Record<AuthoritySystemId, { clientId: string; clientSecret: string }>>;
  now?: () => Date;
  /** Called after every task call (for a log line; calls carry no personal data). */
  onCall?: (call: SandboxCall) => void;
}

export interface Sandbox {
  url: string;
  close(): Promise<void>;
  calls(filter?: CallFilter): SandboxCall[];
  sideEffects(filter?: CallFilter): SideEffect[];
  faults(): FaultConfig;
  setFaults(faults: FaultConfig): void;
  /** Forgets calls, side effects and keys, restores the start faults and the seed. */
  reset(): void;
}

const TASK_PATH = /^\/systems\/([^/]+)\/tasks\/([^/]+)$/;
const MAX_BODY = 256 * 1024;

/**
 * Starts the authority sandbox: every catalogue operation behind the adapter's wire format, with
 * fault injection and a record of every call. It never prints or stores request bodies: neither the
 * input nor the subject's CPR number (`subject.cpr` in the body, which its rules read).
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const initialFaults = parseFaults(options.faults ?? {});
  const store = new SandboxStore();
  const now = options.now ?? (() => new Date());
  const simulator = new TaskSimulator(
    store,
    { seed: options.seed ?? 1, latencyScale: options.latencyScale ?? 1, credentials: options.credentials ?? {}, now },
    initialFaults,
  );
  const hanging = new Set<NodeJS.Timeout>();
  const hangMs = options.hangMs ?? 30_000;

  const reset = () => {
    store.clear();
    simulator.faults = initialFaults;
    simulator.reseed();
  };

  const handleTask = async (req: IncomingMessage, res: ServerResponse, system: string, task: string) => {
    const started = Date.now();
    const key = header(req, 'idempotency-key');
    const attempt = store.nextAttempt(key);
    let answer: Answer;
    try {
      const body = await readBody(req);
      answer = await simulator.simulate({ system, task, idempotencyKey: key, authorization: header(req, 'authorization'), body });
    } catch (e) {
      answer =
        (e as { code?: string }).code === 'PAYLOAD_TOO_LARGE'
          ? { status: 413, body: { code: 'PAYLOAD_TOO_LARGE', message: 'body too large' }, outcome: 'rejected', code: 'PAYLOAD_TOO_LARGE' }
          : { status: 500, body: { code: 'SANDBOX_ERROR', message: 'the sandbox failed' }, outcome: 'fault', code: 'SANDBOX_ERROR' };
    }
    const call = store.record({
      at: new Date(started).toISOString(),
      system: system.slice(0, 64),
      task: task.slice(0, 64),
      idempotencyKey: key,
      attempt,
      outcome: answer.outcome,
      status: answer.hang ? 504 : answer.status,
      code: answer.code,
      durationMs: Date.now() - started,
      journeyRef: answer.journeyRef,
      step: answer.step,
    });
    options.onCall?.(call);
    if (!answer.hang) return send(res, answer.status, answer.body, answer.headers);
    const timer = setTimeout(() => {
      hanging.delete(timer);
      send(res, 504, { code: 'GATEWAY_TIMEOUT', message: 'no answer in time' });
    }, hangMs);
    hanging.add(timer);
    res.on('close', () => {
      clearTimeout(timer);
      hanging.delete(timer);
    });
  };

  const handleAdmin = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const filter: CallFilter = {
      system: url.searchParams.get('system') ?? undefined,
      task: url.searchParams.get('task') ?? undefined,
      key: url.searchParams.get('key') ?? undefined,
      journeyRef: url.searchParams.get('journeyRef') ?? undefined,
    };
    const route = `${req.method} ${url.pathname}`;
    switch (route) {
      case 'GET /health':
        return send(res, 200, { status: 'ok' });
      case 'GET /admin/tasks':
        return send(res, 200, { tasks: AUTHORITY_TASKS.map(({ system, task, effect }) => ({ system, task, effect })) });
      case 'GET /admin/faults':
        return send(res, 200, simulator.faults);
      case 'PUT /admin/faults':
        try {
          simulator.faults = parseFaults(JSON.parse(await readBody(req)));
          return send(res, 200, simulator.faults);
        } catch (e) {
          return send(res, 400, { code: 'INVALID_FAULTS', message: (e as Error).message });
        }
      case 'GET /admin/calls':
        return send(res, 200, { calls: store.listCalls(filter) });
      case 'GET /admin/side-effects':
        return send(res, 200, { sideEffects: store.listSideEffects(filter) });
      case 'POST /admin/reset':
        reset();
        return send(res, 204);
      default:
        return send(res, 404, { code: 'NOT_FOUND', message: 'no such endpoint' });
    }
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const task = TASK_PATH.exec(url.pathname);
    const handling = task
      ? req.method === 'POST'
        ? handleTask(req, res, decodeURIComponent(task[1]), decodeURIComponent(task[2]))
        : Promise.resolve(send(res, 405, { code: 'METHOD_NOT_ALLOWED', message: 'use POST' }))
      : handleAdmin(req, res, url);
    handling.catch(() => send(res, 500, { code: 'SANDBOX_ERROR', message: 'the sandbox failed' }));
  });
  // Long enough for clients to reuse connections: undici takes a second off the server's hint, so
  // at 1 s every call would open a new connection, a noticeable share of a worker's CPU under load.
  server.keepAliveTimeout = 10_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of hanging) clearTimeout(timer);
        hanging.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    calls: (filter) => store.listCalls(filter),
    sideEffects: (filter) => store.listSideEffects(filter),
    faults: () => simulator.faults,
    setFaults: (faults) => (simulator.faults = parseFaults(faults)),
    reset,
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        req.removeAllListeners('data');
        req.resume();
        reject(Object.assign(new Error('body too large'), { code: 'PAYLOAD_TOO_LARGE' }));
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers }).end(text);
}
