import { Agent, request } from 'node:http';

/** Keep-alive connections to the service, as many as the drivers' concurrency needs. */
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

export interface JsonResponse<T> {
  status: number;
  body: T;
}

/**
 * One JSON request over `node:http` with a keep-alive agent. The load driver shares the machine
 * with the service it measures, and `fetch` (undici's WHATWG streams) costs it more CPU per request
 * than a bare `node:http` server spends answering one.
 */
export function httpJson<T = unknown>(
  method: string,
  url: string,
  headers: Record<string, string> = {},
  body?: unknown,
): Promise<JsonResponse<T>> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const retryOrReject = (e: NodeJS.ErrnoException) => {
      // A kept-alive connection the server closed as idle just as it was reused: the request did not
      // get through, so it goes again on a new connection (node:http's documented remedy). Events
      // carry idempotency keys, so one that did get through is not applied twice.
      if (req.reusedSocket && e.code === 'ECONNRESET') httpJson<T>(method, url, headers, body).then(resolve, reject);
      else reject(e);
    };
    const req = request(
      url,
      {
        method,
        agent,
        headers: { ...headers, ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          try {
            resolve({ status: res.statusCode ?? 0, body: (text ? JSON.parse(text) : undefined) as T });
          } catch {
            resolve({ status: res.statusCode ?? 0, body: text as T });
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', retryOrReject);
    req.end(payload);
  });
}

/** Streams are held open while a citizen waits: their sockets are not for reuse. */
const streamAgent = new Agent({ keepAlive: false, maxSockets: 1024 });

/**
 * Reads a journey's event stream (`Accept: text/event-stream`) until a view satisfies `done`, the
 * stream ends, or `timeoutMs` has passed; answers that view, or undefined. The connection is closed
 * either way, as a page that has what it waited for closes its EventSource.
 */
export function streamUntil<T>(
  url: string,
  headers: Record<string, string>,
  done: (view: T) => boolean,
  timeoutMs: number,
): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let buffer = '';
    const finish = (view?: T) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(view);
    };
    const req = request(url, { agent: streamAgent, headers: { ...headers, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        settled = true;
        clearTimeout(timer);
        reject(new Error(`stream answered ${res.statusCode}`));
        return;
      }
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (/^event: end$/m.test(block)) return finish(undefined);
          const data = block
            .split('\n')
            .filter((line) => line.startsWith('data: '))
            .map((line) => line.slice(6))
            .join('\n');
          if (/^event: journey$/m.test(block) && data) {
            const view = JSON.parse(data) as T;
            if (done(view)) return finish(view);
          }
        }
      });
      res.on('end', () => finish(undefined));
    });
    req.on('error', (e) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(e);
    });
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    req.end();
  });
}
