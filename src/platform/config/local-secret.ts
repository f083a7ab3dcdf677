import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A secret generated once and kept (mode 600) in the data directory. */
export function localSecret(dataDir: string, name: string): string {
  const file = path.join(dataDir, name);
  fs.mkdirSync(dataDir, { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(24).toString('base64url'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

/**
 * AUTH_MODE=dev without DEV_AUTH_SECRET: the development key of this data directory, so tokens, and
 * the secret-box key derived from it, stay the same across restarts and across the processes and
 * commands that share the directory.
 */
export function useLocalDevSecret(config: { auth: { mode: string; devSecret?: string }; database: { dataDir: string } }): void {
  if (config.auth.mode === 'dev' && !config.auth.devSecret) config.auth.devSecret = localSecret(config.database.dataDir, 'dev-auth-secret');
}
