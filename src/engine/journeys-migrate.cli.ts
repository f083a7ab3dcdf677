import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { allDefinitions } from '../../journeys';
import { AppModule } from '../app.module';
import { AuthorityError, AuthorityGateway } from '../authorities/ports/authority-gateway.port';
import { ConfigValidationError, loadConfig } from '../platform/config/app.config';
import { useLocalDevSecret } from '../platform/config/local-secret';
import { startEmbeddedPostgres } from '../platform/database/embedded-postgres';
import { DomainError } from '../platform/errors/domain-error';
import { MigrateJourneysUseCase } from './use-cases/migrate-journeys.use-case';

/** This command never calls an authority. */
class NoAuthorities extends AuthorityGateway {
  execute(): Promise<never> {
    return Promise.reject(new AuthorityError('NOT_AVAILABLE', true, 'authorities are not reachable from the migrate command'));
  }
}

function parseArgs(argv: string[]): { type: string; to: number; dryRun: boolean } {
  const get = (flag: string) => {
    const i = argv.indexOf(flag);
    return i === -1 ? undefined : argv[i + 1];
  };
  const type = get('--type');
  const to = Number(get('--to'));
  if (!type || !Number.isInteger(to) || to < 1)
    throw new Error('usage: npm run journeys:migrate -- --type <journey type> --to <version> [--dry-run]');
  return { type, to, dryRun: argv.includes('--dry-run') };
}

/** `npm run journeys:migrate -- --type <id> --to <version> [--dry-run]`: reports journey by journey. */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  config.app.role = 'api'; // no workers, no relay: this process only migrates snapshots
  useLocalDevSecret(config);
  const embedded = config.database.embedded ? await startEmbeddedPostgres(config.database, () => undefined) : undefined;
  if (embedded) config.database.url = embedded.url;
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot(config, { definitions: allDefinitions(), gateway: new NoAuthorities() }),
    { logger: ['error'] },
  );
  try {
    const report = await app.get(MigrateJourneysUseCase).execute(args);
    for (const line of report) {
      const change = line.stateAfter ? `${line.stateBefore} -> ${line.stateAfter}` : line.stateBefore;
      const timers = line.timers ? `  timers: ${line.timers.join(', ')}` : '';
      const reason = line.reason ? `  (${line.reason})` : '';
      process.stdout.write(`${line.journeyId}  v${line.from} -> v${line.to}  ${line.outcome.padEnd(13)} ${change}${timers}${reason}\n`);
    }
    const count = (o: string) => report.filter((l) => l.outcome === o).length;
    const done = args.dryRun ? `${count('would-migrate')} would migrate` : `${count('migrated')} migrated`;
    const dry = args.dryRun ? ' (dry run: nothing changed)' : '';
    process.stdout.write(`${report.length} journeys: ${done}, ${count('cannot')} cannot${dry}\n`);
  } finally {
    await app.close();
    await embedded?.stop();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof ConfigValidationError || e instanceof DomainError || e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
