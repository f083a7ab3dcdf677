import type { AppConfig } from '../config/app.config';

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/i;

/**
 * What to say when the development sign-in listens beyond this machine: in AUTH_MODE=dev anyone who
 * reaches the port can mint caseworker and system tokens. Undefined when there is nothing to say.
 */
export function devExposureWarning(config: Pick<AppConfig, 'app'>): string | undefined {
  if (config.app.authMode !== 'dev' || LOOPBACK.test(config.app.host)) return undefined;
  return (
    `AUTH_MODE=dev and HOST=${config.app.host}: the development sign-in (POST /api/dev/token, /login) is open to every ` +
    `machine that reaches port ${config.app.port} and gives out caseworker and system tokens to anyone who asks. ` +
    'Use this only on a network you trust; unset HOST to listen on 127.0.0.1 only.'
  );
}
