import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Secrets of the self-service hooks. Task tokens are random and stored only as a SHA-256 hash (a
 * 256-bit random value needs no slow hash); client secrets are stored as scrypt hashes, so a
 * database dump does not let anyone act as an authority's system.
 */

/** Recognisable prefixes let secret scanners find a leaked token or secret. */
const TASK_TOKEN_PREFIX = 'lft_';

export function newTaskToken(): { token: string; hash: string } {
  const token = `${TASK_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashTaskToken(token) };
}

export function hashTaskToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A random secret shown once: client secrets (`lfs_`) and webhook signing secrets (`whsec_`). */
export function newSecret(prefix: 'lfs_' | 'whsec_'): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

// N = 2^15 costs ~50–100 ms and 32 MiB per check: fine for a token request every few minutes per system.
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, keyLength: 32 } as const;
const SCRYPT_MAXMEM = 64 * 1024 * 1024;

function scryptAsync(secret: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(secret, salt, keyLength, options, (e, key) => (e ? reject(e) : resolve(key))));
}

/** `scrypt$N$r$p$salt$hash` (base64url), so the cost can be raised later without breaking stored hashes. */
export async function hashClientSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(secret, salt, SCRYPT.keyLength, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p, maxmem: SCRYPT_MAXMEM });
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyClientSecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(secret, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: SCRYPT_MAXMEM,
  });
  return timingSafeEqual(key, expected);
}

/** Spends the same time as a real check, so an unknown client id cannot be told from a wrong secret. */
let dummyHash: Promise<string> | undefined;
export async function burnSecretCheck(secret: string): Promise<void> {
  dummyHash ??= hashClientSecret('no such client');
  await verifyClientSecret(secret, await dummyHash);
}
