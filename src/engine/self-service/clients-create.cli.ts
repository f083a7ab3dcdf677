import 'reflect-metadata';
import { ConfigValidationError, loadConfig } from '../../platform/config/app.config';
import { createDataSource, runMigrations } from '../../platform/database/data-source';
import { startEmbeddedPostgres } from '../../platform/database/embedded-postgres';
import { DomainError } from '../../platform/errors/domain-error';
import { CreateClientUseCase } from './create-client.use-case';
import { SystemClientRepository } from './system-client.repository';

function parseArgs(argv: string[]): { authority: string; name?: string } {
  const get = (flag: string) => {
    const i = argv.indexOf(flag);
    return i === -1 ? undefined : argv[i + 1];
  };
  const authority = get('--authority');
  if (!authority) throw new Error('usage: npm run clients:create -- --authority <authority system id> [--name "<what the system is>"]');
  return { authority, name: get('--name') };
}

/**
 * `npm run clients:create -- --authority municipality [--name "…"]`: registers an authority's
 * self-service system and prints its client id and secret, once (only a hash is stored). Works
 * against DATABASE_URL, or the embedded PostgreSQL while the service is stopped.
 */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  const embedded = config.database.embedded ? await startEmbeddedPostgres(config.database, () => undefined) : undefined;
  const dataSource = createDataSource(embedded?.url ?? config.database.url!, 2);
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
    const client = await new CreateClientUseCase(new SystemClientRepository(dataSource)).execute(args);
    process.stdout.write(
      [
        `authority:     ${client.authority}`,
        `client_id:     ${client.clientId}`,
        `client_secret: ${client.clientSecret}`,
        '',
        'The secret is shown only now: store it in the system’s secret store. Livsforløb keeps only a hash.',
        'Token: POST /api/oauth/token with grant_type=client_credentials (HTTP Basic client_id:client_secret).',
        '',
      ].join('\n'),
    );
  } finally {
    await dataSource.destroy();
    await embedded?.stop();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof ConfigValidationError || e instanceof DomainError || e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
