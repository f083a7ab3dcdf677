import 'reflect-metadata';
import { ConfigValidationError, loadConfig } from '../../platform/config/app.config';
import { createDataSource, runMigrations } from '../../platform/database/data-source';
import { startEmbeddedPostgres } from '../../platform/database/embedded-postgres';
import { DomainError } from '../../platform/errors/domain-error';
import { ClientLifecycleUseCase } from './client-lifecycle.use-case';
import { SystemClientRepository, type SystemClientSummary } from './system-client.repository';

const USAGE = [
  'usage: npm run clients:list',
  '       npm run clients:disable -- --id <client id>',
  '       npm run clients:rotate-secret -- --id <client id>',
].join('\n');

const day = (d: Date | null) => (d ? new Date(d).toISOString().slice(0, 19).replace('T', ' ') + 'Z' : '');

function table(clients: SystemClientSummary[]): string {
  if (clients.length === 0) return 'No clients registered. Register one with npm run clients:create -- --authority <authority system id>\n';
  const rows = [
    ['client_id', 'authority', 'status', 'secret', 'created', 'name'],
    ...clients.map((c) => [
      c.client_id,
      c.authority,
      c.disabled_at ? `disabled ${day(c.disabled_at)}` : 'active',
      c.secret_rotated_at ? `#${c.secret_generation}, rotated ${day(c.secret_rotated_at)}` : `#${c.secret_generation}`,
      day(c.created_at),
      c.name ?? '',
    ]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return (
    rows
      .map((r) =>
        r
          .map((cell, i) => cell.padEnd(widths[i]))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

/**
 * `npm run clients:list | clients:disable -- --id <id> | clients:rotate-secret -- --id <id>`: the
 * lifecycle of the self-service clients `clients:create` registers. Disabling and rotating take
 * effect at once on every API process: the old secret is refused, and so is every token issued
 * before, at its next call. Works against DATABASE_URL, or the embedded PostgreSQL while the
 * service is stopped.
 */
async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const flag = rest.indexOf('--id');
  const id = flag === -1 ? undefined : rest[flag + 1];
  if (!['list', 'disable', 'rotate-secret'].includes(command) || (command !== 'list' && !id)) throw new Error(USAGE);

  const config = loadConfig();
  const embedded = config.database.embedded ? await startEmbeddedPostgres(config.database, () => undefined) : undefined;
  const dataSource = createDataSource(embedded?.url ?? config.database.url!, 2);
  await dataSource.initialize();
  const say = (text: string) => process.stdout.write(text);
  try {
    await runMigrations(dataSource);
    const lifecycle = new ClientLifecycleUseCase(new SystemClientRepository(dataSource));
    if (command === 'list') {
      say(table(await lifecycle.list()));
    } else if (command === 'disable') {
      const client = await lifecycle.disable(id!);
      say(
        `client ${client.client_id} (${client.authority}) is disabled since ${day(client.disabled_at)}: ` +
          'its secret and every token issued to it are refused.\n',
      );
    } else {
      const { client, clientSecret } = await lifecycle.rotateSecret(id!);
      say(
        [
          `client_id:     ${client.client_id}`,
          `client_secret: ${clientSecret}`,
          '',
          `Secret #${client.secret_generation}: the previous secret and every token issued under it are refused from now on.`,
          'The new secret is shown only now: store it in the system’s secret store. Livsforløb keeps only a hash.',
          '',
        ].join('\n'),
      );
    }
  } finally {
    await dataSource.destroy();
    await embedded?.stop();
  }
}

main().catch((e: unknown) => {
  const problems = e instanceof DomainError ? (e.details.fields ?? []).map((f) => `\n  --${f.field}: ${f.reason}`).join('') : '';
  process.stderr.write(`${e instanceof ConfigValidationError || e instanceof Error ? e.message : String(e)}${problems}\n`);
  process.exit(1);
});
