import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { parseCpr } from '../../../journeys/shared/cpr';
import { CitizenRepository } from '../../engine/persistence/citizen.repository';
import { SystemClientRepository } from '../../engine/self-service/system-client.repository';
import { DomainError } from '../../platform/errors/domain-error';
import type { Principal, Role } from './principal';
import { TokenService } from './token.service';

const ROLES_KEY = 'roles';
/** Only these roles may call the handler. Routes without `@Roles` are public. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export type AuthenticatedRequest = Request & { principal?: Principal };

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly citizens: CitizenRepository,
    private readonly clients: SystemClientRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (!roles) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = req.headers.authorization;
    if (!header?.startsWith('Bearer ')) throw new DomainError('UNAUTHENTICATED', 'Sign in: a bearer token is required');
    const principal = await this.tokens.verify(header.slice(7));
    if (!roles.includes(principal.role)) throw new DomainError('FORBIDDEN', 'This action is not available to your role');
    if (principal.role === 'citizen') {
      const cpr = parseCpr(principal.subject);
      if (!cpr.ok) throw new DomainError('UNAUTHENTICATED', 'The citizen token does not carry a CPR number');
      principal.citizen = await this.citizens.identify(principal.subject, principal.name);
      principal.citizenId = principal.citizen.id;
    }
    // A disabled client, or a token from before a secret rotation, is refused at once, not when the token runs out.
    if (
      principal.clientId &&
      !(await this.clients.isActive(principal.clientId, principal.authority, principal.clientSecretGeneration ?? 1))
    ) {
      throw new DomainError('UNAUTHENTICATED', 'The client is disabled or unknown, or its secret was rotated: get a new token');
    }
    req.principal = principal;
    return true;
  }
}
