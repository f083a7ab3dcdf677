import { registerDecorator, type ValidationOptions } from 'class-validator';

/** One key of the secret box: `id` travels with every value it seals, so rotation knows which key opens it. */
export interface SecretKey {
  id: string;
  key: Buffer;
}

const ENTRY = /^([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/_-]+={0,2})$/;
export const SECRETS_KEY_FORMAT =
  'must be <key id>:<base64 of 32 random bytes>, newest first, comma-separated (e.g. 2026a:$(openssl rand -base64 32))';

/**
 * SECRETS_KEY: `<id>:<base64>`[,`<id>:<base64>`…]. The first key seals, every listed key opens, so
 * a new key goes in front and the old one stays behind it until the service has re-sealed its rows.
 * Returns the keys, or what is wrong without echoing any key material.
 */
export function parseSecretsKey(raw: string): SecretKey[] | string {
  const keys: SecretKey[] = [];
  for (const [i, entry] of raw
    .split(',')
    .map((e) => e.trim())
    .entries()) {
    const m = ENTRY.exec(entry);
    if (!m) return `${SECRETS_KEY_FORMAT} (entry ${i + 1} is not)`;
    const key = Buffer.from(m[2], m[2].includes('-') || m[2].includes('_') ? 'base64url' : 'base64');
    if (key.length !== 32) return `${SECRETS_KEY_FORMAT} (key "${m[1]}" is ${key.length} bytes, not 32)`;
    if (keys.some((k) => k.id === m[1])) return `names key id "${m[1]}" twice`;
    keys.push({ id: m[1], key });
  }
  return keys;
}

/** class-validator check of SECRETS_KEY (the message never shows the value). */
export function IsSecretsKey(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isSecretsKey',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && typeof parseSecretsKey(value) !== 'string',
        defaultMessage: (args) => (typeof args?.value === 'string' ? (parseSecretsKey(args.value) as string) : SECRETS_KEY_FORMAT),
      },
    });
}
