import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, ERROR_STATUS } from './domain-error';
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
    const body = this.toBody(error);
    if (body.statusCode >= 500) {
      const e = error instanceof Error ? error : new Error(String(error));
      this.logger.error({ err: { type: e.name, message: maskCpr(e.message), stack: e.stack } }, 'unhandled error');
    }
    if (res.headersSent) return;
    res.status(body.statusCode).json(body);
  }

  private toBody(error: unknown): ErrorBody {
    if (error instanceof DomainError) {
      const { fields, ...rest } = error.details;
      return { statusCode: ERROR_STATUS[error.code], code: error.code, message: error.message, ...(fields ? { fields } : {}), ...rest };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const response = error.getResponse();
      const message = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? error.message);
      const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 404 ? 'NOT_FOUND' : status === 400 ? 'VALIDATION_FAILED' : `HTTP_${status}`;
      const body: ErrorBody = { statusCode: status, code, message: Array.isArray(message) ? message.join('; ') : String(message) };
      if (Array.isArray((response as { fields?: unknown }).fields)) body.fields = (response as { fields: ErrorBody['fields'] }).fields;
      return body;
    }
    // body-parser errors carry `status`/`type` (malformed JSON, too large).
    const e = error as { status?: number; type?: string };
    if (e && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      if (e.type === 'entity.too.large') return { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'Request body is too large' };
      if (e.type === 'entity.parse.failed') return { statusCode: 400, code: 'VALIDATION_FAILED', message: 'Request body is not valid JSON', fields: [{ field: 'body', reason: 'malformed JSON' }] };
      return { statusCode: e.status, code: `HTTP_${e.status}`, message: 'Bad request' };
    }
    return { statusCode: 500, code: 'INTERNAL', message: 'Something went wrong on our side; it has been logged.' };
  }
}
