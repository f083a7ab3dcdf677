import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfig, ConfigValidationError } from '../config/app.config';
import { startEmbeddedPostgres } from './embedded-postgres';
import { createDataSource, runMigrations } from './data-source';

/**
 * `npm run migration:run | migration:revert | migration:create -- <Name>`
 * Works against DATABASE_URL, or the embedded PostgreSQL when it is not set.
 */
async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  const say = (m: string) => process.stdout.write(`${m}\n`);
  if (command === 'create') {
    if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('usage: migration:create -- VerbNoun (PascalCase)');
    const ts = Date.now();
    const file = path.resolve('migrations', `${ts}-${name}.ts`);
    fs.writeFileSync(
      file,
      [
        `import type { MigrationInterface, QueryRunner } from 'typeorm';`,
        ``,
        `/** Why the schema changes. */`,
        `export class ${name}${ts} implements MigrationInterface {`,
        `  name = '${name}${ts}';`,
        ``,
        `  async up(q: QueryRunner): Promise<void> {`,
        `    await q.query(\`\`);`,
        `  }`,
        ``,
        `  async down(q: QueryRunner): Promise<void> {`,
        `    await q.query(\`\`);`,
        `  }`,
        `}`,
        ``,
      ].join('\n'),
    );
    say(`wrote ${path.relative(process.cwd(), file)}: write its SQL and add it to migrations/index.ts`);
    return;
  }
  const config = loadConfig();
  const embedded = config.database.embedded ? await startEmbeddedPostgres(config.database, say) : undefined;
  const dataSource = createDataSource(embedded?.url ?? config.database.url!);
  await dataSource.initialize();
  try {
    if (command === 'run') {
      const applied = await runMigrations(dataSource);
      say(applied.length ? `applied: ${applied.join(', ')}` : 'no pending migrations');
    } else if (command === 'revert') {
      await dataSource.undoLastMigration({ transaction: 'each' });
      say('reverted the last migration');
    } else {
      throw new Error('usage: migration.cli (run | revert | create <Name>)');
    }
  } finally {
    await dataSource.destroy();
    await embedded?.stop();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof ConfigValidationError ? e.message : e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
