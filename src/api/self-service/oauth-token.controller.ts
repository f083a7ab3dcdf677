import { Body, Controller, Header, HttpCode, Post, Req, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticateClientUseCase } from '../../engine/self-service/authenticate-client.use-case';
import { DomainError } from '../../platform/errors/domain-error';
import { SignIn } from '../auth/rate-limit.guard';
import { TokenService } from '../auth/token.service';
import { ClientCredentialsDto } from './self-service.dto';
import { callAudit, SystemAuditInterceptor, type AuditedRequest } from './system-audit.interceptor';
import { ApiAnswer, ApiErrors } from '../contract/openapi-contract';

/** `Authorization: Basic base64(client_id:client_secret)`, each part form-encoded (RFC 6749 §2.3.1). */
function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  if (!header?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

@ApiTags('self-service')
@Controller('api/oauth')
@UseInterceptors(SystemAuditInterceptor)
export class OAuthTokenController {
  constructor(
    private readonly authenticate: AuthenticateClientUseCase,
    private readonly tokens: TokenService,
  ) {}

  @Post('token')
  @SignIn()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Client credentials: an authority system gets a short-lived access token (role system, its authority)' })
  @ApiAnswer(200, 'ClientToken')
  @ApiErrors(['UNAUTHENTICATED'], false)
  async token(@Req() req: AuditedRequest, @Body() body: ClientCredentialsDto) {
    if (body.grant_type !== 'client_credentials') {
      throw new DomainError('VALIDATION_FAILED', 'Only grant_type=client_credentials is supported', {
        error: 'unsupported_grant_type',
        fields: [{ field: 'grant_type', reason: 'must be client_credentials' }],
      });
    }
    const basic = basicCredentials(req.headers.authorization);
    const id = basic?.id ?? body.client_id ?? '';
    const secret = basic?.secret ?? body.client_secret ?? '';
    if (/^[a-z0-9-]{1,80}$/.test(id)) callAudit(req).clientId = id;
    const client = await this.authenticate.execute(id, secret);
    callAudit(req).authority = client.authority;
    const { token, expiresIn } = await this.tokens.issueClientToken(client);
    return { access_token: token, token_type: 'Bearer', expires_in: expiresIn };
  }
}
