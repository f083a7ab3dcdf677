import type { QueueBackendKind } from '../../src/platform/config/app.config';

/** Queue backends a suite should run on: PostgreSQL always, Redis when REDIS_URL is set. */
export function queueBackends(): QueueBackendKind[] {
  return process.env.REDIS_URL ? ['postgres', 'redis'] : ['postgres'];
}
