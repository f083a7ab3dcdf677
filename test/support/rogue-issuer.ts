import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';

/** How the issuer gets its ID token wrong (or, for `valid`, right). */
export type Misbehaviour = 'valid' | 'expired' | 'not-yet-valid' | 'issued-in-future' | 'wrong-audience' | 'alg-none' | 'wrong-key';

export interface RogueIssuer {
  url: string;
  behave(how: Misbehaviour): void;
  close(): Promise<void>;
}

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

/**
 * A small, real OpenID Connect issuer over HTTP (discovery, JWKS, authorization and token
 * endpoints) with keys this test holds, for the ID tokens no well-behaved provider issues:
 * expired, not yet valid, for another audience, unsigned, or signed with a key it does not publish.
 * Its authorization endpoint approves at once; the citizen it vouches for has a CPR number and NSIS
 * "substantial", so only the misbehaviour can be the reason for a refusal.
 */
export async function startRogueIssuer(claims: Record<string, unknown>): Promise<RogueIssuer> {
  const published = await generateKeyPair('RS256', { extractable: true });
  const unpublished = await generateKeyPair('RS256', { extractable: true });
  const kid = 'published';
  const jwk = { ...(await exportJWK(published.publicKey)), kid, alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { nonce: string; clientId: string }>();
  let how: Misbehaviour = 'valid';
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const sign = (payload: JWTPayload, key: CryptoKey) => new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid }).sign(key);
  async function idToken(nonce: string, clientId: string): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const payload: JWTPayload = { iss: url, sub: 'rogue-subject', aud: clientId, iat: now, exp: now + 300, nonce, ...claims };
    switch (how) {
      case 'expired':
        return sign({ ...payload, iat: now - 900, exp: now - 600 }, published.privateKey);
      case 'not-yet-valid':
        return sign({ ...payload, iat: now + 3600, nbf: now + 3600, exp: now + 7200 }, published.privateKey);
      case 'issued-in-future':
        return sign({ ...payload, iat: now + 3600, exp: now + 7200 }, published.privateKey);
      case 'wrong-audience':
        return sign({ ...payload, aud: 'another-service' }, published.privateKey);
      case 'alg-none':
        return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`;
      case 'wrong-key':
        return sign(payload, unpublished.privateKey);
      default:
        return sign(payload, published.privateKey);
    }
  }

  server.on('request', (req, res) => {
    void (async () => {
      const u = new URL(req.url ?? '/', url);
      const json = (status: number, body: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (u.pathname === '/.well-known/openid-configuration') {
        return json(200, {
          issuer: url,
          authorization_endpoint: `${url}/authorize`,
          token_endpoint: `${url}/token`,
          jwks_uri: `${url}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          code_challenge_methods_supported: ['S256'],
          // Offers "none" too: the client must refuse it all the same.
          id_token_signing_alg_values_supported: ['RS256', 'none'],
        });
      }
      if (u.pathname === '/jwks') return json(200, { keys: [jwk] });
      if (u.pathname === '/authorize') {
        const code = randomBytes(16).toString('base64url');
        codes.set(code, { nonce: u.searchParams.get('nonce') ?? '', clientId: u.searchParams.get('client_id') ?? '' });
        const back = new URL(u.searchParams.get('redirect_uri')!);
        back.searchParams.set('code', code);
        back.searchParams.set('state', u.searchParams.get('state') ?? '');
        return void res.writeHead(302, { location: back.href }).end();
      }
      if (u.pathname === '/token' && req.method === 'POST') {
        let body = '';
        for await (const chunk of req) body += chunk;
        const grant = codes.get(new URLSearchParams(body).get('code') ?? '');
        if (!grant) return json(400, { error: 'invalid_grant' });
        codes.delete(new URLSearchParams(body).get('code')!);
        return json(200, {
          access_token: randomBytes(16).toString('hex'),
          token_type: 'Bearer',
          expires_in: 300,
          id_token: await idToken(grant.nonce, grant.clientId),
        });
      }
      json(404, { error: 'not_found' });
    })();
  });

  return {
    url,
    behave: (h) => (how = h),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
