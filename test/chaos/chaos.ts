import * as fs from 'node:fs';
import { runChaos, summary } from './runner';
import { arg } from '../bench/args';

/**
 * `npm run chaos -- [--journeys 1000] [--seed N] [--once-each | --calm] [--report file.json]`
 * Kills API and worker processes (SIGKILL), Redis and PostgreSQL at random moments while 1,000
 * journeys run, then checks that nothing was lost or done twice. Exits 1 on any violation.
 */

async function main(): Promise<void> {
  const report = await runChaos({
    journeys: Number(arg('journeys', '1000')),
    seed: Number(arg('seed', String(Date.now() % 100_000))),
    kills: process.argv.includes('--once-each') ? 'once-each' : process.argv.includes('--calm') ? 'none' : 'random',
    ...(process.argv.includes('--patience') ? { patienceMs: Number(arg('patience', '60')) * 1000 } : {}),
    ...(process.argv.includes('--concurrency') ? { concurrency: Number(arg('concurrency', '32')) } : {}),
  });
  process.stdout.write(`${summary(report)}\n`);
  const file = arg('report', '');
  if (file) fs.writeFileSync(file, JSON.stringify(report, null, 2));
  process.exit(report.violations.length === 0 ? 0 : 1);
}

main().catch((e: unknown) => {
  process.stderr.write(`chaos run failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(2);
});
