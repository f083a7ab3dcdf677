import { lookup } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { addressRefusal, checkTarget } from '../engine/self-service/webhook-target';

/**
 * What a failed attempt records. Classes, never the socket's own error text: "connection refused"
 * against "wrong version number" against "no answer" would tell a client which ports are open
 * on a host, which is what a port scanner wants.
 */
export type DeliveryFailure = 'refused_address' | 'unreachable' | 'timeout' | 'tls' | 'bad_response' | 'http_3xx' | 'http_4xx' | 'http_5xx';

export interface SendResult {
  statusCode?: number;
  failure?: DeliveryFailure;
}

export interface SendOptions {
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Loopback targets are allowed (AUTH_MODE=dev). */
  allowLoopback: boolean;
}

class RefusedAddress extends Error {}

/**
 * Resolves the name once, refuses the connection unless every address it gave is allowed, and
 * hands exactly those addresses to the socket. The check and the connection see the same answer,
 * so a name that resolves to a public address for a check and to an internal one a moment later
 * (DNS rebinding) gains nothing. The URL keeps its host name, so the Host header, TLS SNI and the
 * certificate check are those of the subscription.
 */
function checkedLookup(allowLoopback: boolean): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      if (!addresses.length || addresses.some((a) => addressRefusal(a.address, allowLoopback) !== null)) {
        return callback(new RefusedAddress('webhook target resolves to a refused address'), []);
      }
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

function byStatus(status: number): SendResult {
  if (status >= 200 && status < 300) return { statusCode: status };
  if (status >= 300 && status < 400) return { statusCode: status, failure: 'http_3xx' };
  if (status >= 400 && status < 500) return { statusCode: status, failure: 'http_4xx' };
  if (status >= 500 && status < 600) return { statusCode: status, failure: 'http_5xx' };
  return { statusCode: status, failure: 'bad_response' };
}

/**
 * POSTs one webhook. Redirects are not followed (the subscription names the one target) and no
 * connection is reused. Never rejects: every outcome is a status code or a failure class.
 */
export function sendWebhook(target: string, o: SendOptions): Promise<SendResult> {
  let url: URL;
  try {
    url = new URL(checkTarget(target, o.allowLoopback));
  } catch {
    return Promise.resolve({ failure: 'refused_address' });
  }
  const secure = url.protocol === 'https:';
  return new Promise<SendResult>((resolve) => {
    let phase: 'connecting' | 'handshake' | 'connected' = 'connecting';
    let timer: NodeJS.Timeout | undefined;
    const settle = (result: SendResult) => {
      clearTimeout(timer);
      resolve(result);
    };
    const onResponse = (res: IncomingMessage) => {
      settle(byStatus(res.statusCode ?? 0));
      res.destroy();
    };
    try {
      const req = (secure ? httpsRequest : httpRequest)(
        url,
        {
          method: 'POST',
          headers: { ...o.headers, 'content-length': String(Buffer.byteLength(o.body)) },
          lookup: checkedLookup(o.allowLoopback),
          agent: false,
        },
        onResponse,
      );
      timer = setTimeout(() => {
        settle({ failure: 'timeout' });
        req.destroy();
      }, o.timeoutMs);
      req.on('socket', (socket) => {
        socket.once('connect', () => (phase = secure ? 'handshake' : 'connected'));
        socket.once('secureConnect', () => (phase = 'connected'));
      });
      req.on('error', (err) => {
        if (err instanceof RefusedAddress) settle({ failure: 'refused_address' });
        else settle({ failure: phase === 'connecting' ? 'unreachable' : phase === 'handshake' ? 'tls' : 'bad_response' });
      });
      req.end(o.body);
    } catch {
      settle({ failure: 'unreachable' });
    }
  });
}
