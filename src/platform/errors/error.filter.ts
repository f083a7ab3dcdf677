import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, ERROR_STATUS, retryAfterOf } from './domain-error';
import { maskCpr } from '../logging/redact';

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  fields?: { field: string; reason: string }[];
  [key: string]: unknown;
}

/** Maps every error to a JSON body `{ statusCode, code, message, fields? }`; never a stack trace. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = withoutCpr(this.toBody(error));
    if (body.statusCode >= 500) {
      const e = error instanceof Error ? error : new Error(String(error));
      this.logger.error({ err: { type: e.name, message: maskCpr(e.message), stack: e.stack } }, 'unhandled error');
    }
    if (res.headersSent) return;
    setRetryAfter(res, error);
    res.status(body.statusCode).json(body);
  }

  private toBody(error: unknown): ErrorBody {
    if (error instanceof DomainError) {
      const { fields, ...rest } = error.details;
      return { statusCode: ERROR_STATUS[error.code], code: error.code, message: error.message, ...(fields ? { fields } : {}), ...rest };
    }
    // Nest wraps body-parser's and Express's own errors (malformed JSON, too large, bad percent-encoding)
    // in an HttpException whose message is the parser's, which quotes the input: answer from the cause.
    const cause = error instanceof HttpException ? (error.cause as { status?: number; type?: string } | undefined) : undefined;
    const parser = requestError(cause ?? error);
    if (parser) return parser;
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const response = error.getResponse();
      const message = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? error.message);
      const code =
        status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 404 ? 'NOT_FOUND' : status === 400 ? 'VALIDATION_FAILED' : `HTTP_${status}`;
      const body: ErrorBody = {
        statusCode: status,
        code,
        message: Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : error.message,
      };
      if (Array.isArray((response as { fields?: unknown }).fields)) body.fields = (response as { fields: ErrorBody['fields'] }).fields;
      else if (status === 400) body.fields = [{ field: 'request', reason: 'is malformed' }];
      return body;
    }
    return { statusCode: 500, code: 'INTERNAL', message: 'Something went wrong on our side; it has been logged.' };
  }
}

/** A 429's `Retry-After`: the seconds its error says to wait (RFC 9110 §10.2.3), so clients need not read the body. */
export function setRetryAfter(res: Response, error: unknown): void {
  const wait = retryAfterOf(error);
  if (wait) res.setHeader('Retry-After', String(wait));
}

/** Errors of the request itself before any handler ran (body-parser's `type`, Express's URIError). */
function requestError(e: unknown): ErrorBody | undefined {
  const err = e as { status?: number; type?: string } | undefined;
  if (!err || typeof err.status !== 'number' || err.status < 400 || err.status >= 500) return undefined;
  if (err.type === 'entity.too.large') return { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'Request body is too large' };
  if (err.type === 'entity.parse.failed') {
    return {
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'Request body is not valid JSON',
      fields: [{ field: 'body', reason: 'must be a JSON object or array' }],
    };
  }
  if (e instanceof URIError)
    return {
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'The path is not valid percent-encoding',
      fields: [{ field: 'path', reason: 'is not valid percent-encoding' }],
    };
  if (err.status === 415)
    return { statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'The request body’s charset or encoding is not supported' };
  if (err.status === 400)
    return {
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'The request is malformed',
      fields: [{ field: 'request', reason: 'is malformed' }],
    };
  return { statusCode: err.status, code: `HTTP_${err.status}`, message: 'The request was refused' };
}

/**
 * Messages name the offending input (an unknown field, an event type, a URL): a CPR number typed
 * there must not come back in the answer, so every string in the body is masked.
 */
function withoutCpr(body: ErrorBody): ErrorBody {
  const mask = (v: unknown): unknown =>
    typeof v === 'string'
      ? maskCpr(v)
      : Array.isArray(v)
        ? v.map(mask)
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [maskCpr(k), mask(x)]))
          : v;
  return mask(body) as ErrorBody;
}
