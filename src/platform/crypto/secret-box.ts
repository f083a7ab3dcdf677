import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { AppConfig } from '../config/app.config';
import type { SecretKey } from '../config/secrets-key.config';

/** Sealed values read `sb1.<key id>.<base64url of iv ‖ ciphertext ‖ tag>`; the key id says which key opens them. */
const VERSION = 'sb1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

/**
 * AES-256-GCM for the secrets the service must read back (webhook signing secrets, task tokens on
 * their way to a subscriber). The first key seals; every configured key opens, so keys can rotate
 * while older values are still stored. Each value is bound to a context (which row, which column)
 * as additional data: a sealed value copied to another row does not open there.
 */
export class SecretBox {
  private readonly keys: Map<string, Buffer>;
  readonly currentKeyId: string;

  constructor(keys: SecretKey[]) {
    if (keys.length === 0) throw new SecretBoxError('the secret box needs at least one key');
    this.keys = new Map(keys.map((k) => [k.id, k.key]));
    this.currentKeyId = keys[0].id;
  }

  /**
   * SECRETS_KEY; in AUTH_MODE=dev without it, a key derived from the development key (kept per data
   * directory by main.ts), so development data survives restarts without any configuration.
   */
  static fromConfig(config: Pick<AppConfig, 'secrets' | 'auth'>): SecretBox {
    if (config.secrets.keys.length) return new SecretBox(config.secrets.keys);
    if (config.auth.mode !== 'dev') throw new SecretBoxError('SECRETS_KEY is required outside AUTH_MODE=dev');
    // A random key here would seal values that no later start could open.
    if (!config.auth.devSecret)
      throw new SecretBoxError('AUTH_MODE=dev without SECRETS_KEY needs the development key (DEV_AUTH_SECRET, or useLocalDevSecret)');
    return new SecretBox([
      { id: 'dev', key: createHmac('sha256', config.auth.devSecret).update('livsforloeb secret box (development only)').digest() },
    ]);
  }

  seal(plain: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    cipher.setAAD(aad(this.currentKeyId, context));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, this.currentKeyId, Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')].join('.');
  }

  open(sealed: string, context: string): string {
    const [version, keyId, payload, ...rest] = sealed.split('.');
    if (version !== VERSION || !keyId || !payload || rest.length) throw new SecretBoxError('not a sealed value');
    const key = this.keys.get(keyId);
    if (!key) throw new SecretBoxError(`sealed with key "${keyId}", which SECRETS_KEY does not list`);
    const raw = Buffer.from(payload, 'base64url');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new SecretBoxError('sealed value is truncated');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(aad(keyId, context));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError(`sealed value does not open with key "${keyId}" (altered, or moved from another row)`);
    }
  }
}

function aad(keyId: string, context: string): Buffer {
  return Buffer.from(`${VERSION}|${keyId}|${context}`, 'utf8');
}

/** Contexts of the values the service seals: the table, the column and the row. */
export const sealContext = {
  webhookSecret: (subscriptionId: string) => `webhook_subscription.secret_sealed:${subscriptionId}`,
  taskToken: (taskTokenId: string) => `task_token.token_sealed:${taskTokenId}`,
};
