import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ChaosReport } from '../chaos/runner';

const ROOT = path.join(__dirname, '../..');
const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;
if (!hasRedisServer) process.stdout.write('\n[tests] redis-server is not installed: the short chaos run is skipped.\n');

/**
 * The short chaos run (`npm run chaos` does 1,000 journeys with random strikes): 100 journeys over
 * every type against separate API and worker processes, with one kill -9 of an API process, one of a
 * worker, one restart of Redis (empty) and one of PostgreSQL, on a cluster and redis-server of its
 * own. The runner is the built one (`dist/`, from `npm test`'s pretest build), run as `npm run chaos` runs it.
 */
(hasRedisServer ? describe : describe.skip)('the chaos run, short', () => {
  it('loses nothing and does nothing twice when each kind of process is killed once', async () => {
    const seed = Number(process.env.CHAOS_SEED ?? 1);
    const file = path.join(os.tmpdir(), `livsforloeb-chaos-report-${process.pid}.json`);
    let output = '';
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(
        process.execPath,
        [path.join(ROOT, 'dist/test/chaos/chaos.js'), '--journeys', '100', '--once-each', '--seed', String(seed), '--report', file],
        {
          cwd: ROOT,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      child.on('exit', resolve);
    });
    if (code !== 0) process.stdout.write(output);
    const report = JSON.parse(fs.readFileSync(file, 'utf8')) as ChaosReport;
    fs.rmSync(file, { force: true });

    expect(report.kills).toEqual({ api: 1, worker: 1, redis: 1, postgres: 1 });
    expect(Object.keys(report.byType)).toHaveLength(11);
    expect(report.figures.started).toBe(100);
    expect(report.violations).toEqual([]);
    expect(code).toBe(0);
  }, 180_000);
});
