import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  /** The raw body, byte for byte: signatures are over these bytes. */
  body: string;
  status: number;
  /** Arrival time (ms), to see the backoff between attempts. */
  at: number;
}

/** A local HTTP endpoint standing in for a self-service solution's webhook receiver. */
export async function startWebhookReceiver() {
  const received: ReceivedWebhook[] = [];
  const planned: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = planned.shift() ?? 200;
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status, at: Date.now() });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'not now');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    /** The next requests are answered with these statuses, then 200 again. */
    failNext: (...statuses: number[]) => planned.push(...statuses),
    /** Answers 200 again from the next request on. */
    acceptAll: () => void planned.splice(0),
    ofType: (type: string) => received.filter((r) => r.status < 300 && JSON.parse(r.body).type === type).map((r) => JSON.parse(r.body)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
