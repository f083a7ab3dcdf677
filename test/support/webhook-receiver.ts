import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deliveryProblems } from './webhook-contract';

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
  /** Each received delivery is checked against the published AsyncAPI document as it arrives. */
  const contractProblems: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = planned.shift() ?? 200;
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: req.headers, body, status, at: Date.now() });
      contractProblems.push(...deliveryProblems(req.headers, body));
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'not now');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    contractProblems,
    /** The next requests are answered with these statuses, then 200 again. */
    failNext: (...statuses: number[]) => planned.push(...statuses),
    /** Answers 200 again from the next request on. */
    acceptAll: () => void planned.splice(0),
    ofType: (type: string) => received.filter((r) => r.status < 300 && JSON.parse(r.body).type === type).map((r) => JSON.parse(r.body)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
