import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from '../config/app.config';
import { maskCpr, safeUrl } from './redact';

/**
 * A caller's X-Request-Id is kept only when it looks like an id (hex digits and dashes, as UUIDs and
 * proxies' ids do) and holds no CPR-like number: it is logged with every line of the request, so a
 * free-form one could carry a name or a CPR number into the logs.
 */
const REQUEST_ID = /^[0-9A-Fa-f-]{8,64}$/;

/**
 * JSON logs (pino) with a request id. Request and response serializers keep only method, path,
 * status and ids: no bodies, no headers, no query strings, so no personal data.
 */
export function loggingModule(config: AppConfig) {
  return LoggerModule.forRoot({
    pinoHttp: {
      level: config.app.logLevel,
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) && maskCpr(incoming) === incoming ? incoming : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: safeUrl(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        err: (err: Error & { code?: string }) => ({ type: err.name, code: err.code, message: maskCpr(err.message) }),
      },
      customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health/live' },
      hooks: {
        logMethod(args: unknown[], method: (...a: unknown[]) => void) {
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? maskCpr(a) : a)),
          );
        },
      },
      base: { service: 'livsforloeb', role: config.app.role },
      redact: { paths: ['req.headers', 'res.headers', '*.cpr', '*.name', '*.password', '*.token'], censor: '[redacted]' },
    },
  });
}
