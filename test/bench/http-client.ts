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
