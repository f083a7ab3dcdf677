import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfig, ConfigValidationError } from '../config/app.config';
import { startEmbeddedPostgres } from './embedded-postgres';
import { createDataSource, runMigrations } from './data-source';

/**
 * `npm run migration:run | migration:revert | migration:generate -- <Name>`
 * Works against DATABASE_URL, or the embedded PostgreSQL when it is not set.
 */
async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  const config = loadConfig();
  const say = (m: string) => process.stdout.write(`${m}\n`);
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
    } else if (command === 'generate') {
      if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('usage: migration:generate -- VerbNoun (PascalCase)');
      await runMigrations(dataSource);
      const sql = await dataSource.driver.createSchemaBuilder().log();
      if (sql.upQueries.length === 0) {
        say('entities and schema agree: nothing to generate');
        return;
      }
      const ts = Date.now();
      const esc = (s: string) => s.replace(/`/g, '\\`');
      const up = sql.upQueries.map((q) => `    await q.query(\`${esc(q.query)}\`);`).join('\n');
      const down = sql.downQueries.reverse().map((q) => `    await q.query(\`${esc(q.query)}\`);`).join('\n');
      const file = path.resolve('migrations', `${ts}-${name}.ts`);
      fs.writeFileSync(
        file,
        `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${name}${ts} implements MigrationInterface {\n  name = '${name}${ts}';\n\n  async up(q: QueryRunner): Promise<void> {\n${up}\n  }\n\n  async down(q: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`,
      );
      say(`wrote ${path.relative(process.cwd(), file)}: review it and add it to migrations/index.ts`);
    } else {
      throw new Error('usage: migration.cli (run | revert | generate <Name>)');
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
