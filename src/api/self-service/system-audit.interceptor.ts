import { Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import type { Observable } from 'rxjs';
import { SystemAuditRepository } from '../../engine/self-service/system-audit.repository';
import type { CallAudit } from '../../engine/self-service/system-caller';
import type { AuthenticatedRequest } from '../auth/auth.guard';

/** What a handler learns during the call that the audit row needs (the journey; a claimed client id). */
type AuditNotes = CallAudit & { clientId?: string; authority?: string };
export type AuditedRequest = AuthenticatedRequest & { callAudit?: AuditNotes };

export function callAudit(req: AuditedRequest): AuditNotes {
  return (req.callAudit ??= {});
}

/**
 * Audits every call to a self-service route with its final status: the row is written when the
 * response has gone out, after the error filter chose the status. Calls the global guard refuses
 * (no or an invalid token) never reach an interceptor and carry no client to attribute them to.
 */
@Injectable()
export class SystemAuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger(SystemAuditInterceptor.name);

  constructor(private readonly audit: SystemAuditRepository) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<AuditedRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const audit = callAudit(req);
    // The route pattern, never the URL: a URL may carry a task token.
    const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
    res.once('close', () => {
      this.audit
        .record({
          clientId: req.principal?.clientId ?? audit.clientId ?? null,
          authority: req.principal?.authority ?? audit.authority ?? null,
          method: req.method,
          route,
          journeyId: audit.journeyId ?? null,
          status: res.statusCode,
        })
        .catch((e: Error) => this.logger.error({ route, err: { message: e.message } }, 'system call audit not written'));
    });
    return next.handle();
  }
}
