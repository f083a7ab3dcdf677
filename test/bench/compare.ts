import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MovingBenchResult } from './moving-result';
import { repoRoot } from './processes';
import { arg } from './args';

/**
 * `npm run bench:compare -- --base <checkout> [--rounds 2] [-- <bench options>]`
 *
 * Compares this checkout's build with another checkout's (built, e.g. a `git worktree` of the
 * commit before a change) by running the Redis benchmark on each in ABBA order: base, this, this,
 * base, and so on for `--rounds` rounds. On a shared machine a run that follows another is
 * measurably slower than the first of the two, so a comparison that always runs one build first
 * credits that build with the machine's pace; in ABBA order each build runs first as often as
 * second. Prints, per build, the mean CPU per transition of each process, read and write system
 * calls per transition, and transitions ÷ HTTP floor, then the change of the means.
 */
const base = arg('base', '');
const rounds = Number(arg('rounds', '2'));
const rest = process.argv.indexOf('--');
const benchOptions = rest === -1 ? ['--backends', 'redis', '--mix', '0'] : process.argv.slice(rest + 1);

interface Figures {
  cpu: Record<string, number>;
  syscalls: Record<string, number>;
  ratio: number;
}

function runOnce(checkout: string): Figures {
  const script = path.join(checkout, 'dist/test/bench/bench.js');
  if (!fs.existsSync(script)) throw new Error(`${script} is missing: build that checkout first (npx tsc -p tsconfig.json)`);
  const run = spawnSync(process.execPath, [script, ...benchOptions], {
    cwd: checkout,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const file = /results in (\S+\.json)/.exec(run.stdout ?? '')?.[1];
  if (run.status !== 0 || !file) throw new Error(`the bench in ${checkout} failed:\n${(run.stdout ?? '').slice(-2000)}`);
  const result = JSON.parse(fs.readFileSync(path.join(checkout, file), 'utf8')) as MovingBenchResult;
  const moving = result.runs[0];
  return {
    cpu: { ...moving.cpuMsPerTransition },
    syscalls: { ...moving.syscallsPerTransition },
    ratio: moving.transitionsPerSecond / result.httpFloor.commitsPerSecond,
  };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

function summary(label: string, runs: Figures[]): { cpu: number; ratio: number } {
  const processes = Object.keys(runs[0].cpu);
  const cpu = processes.map((p) => `${p} ${mean(runs.map((r) => r.cpu[p])).toFixed(2)}`).join(' / ');
  const calls = Object.keys(runs[0].syscalls)
    .map((p) => `${p} ${mean(runs.map((r) => r.syscalls[p])).toFixed(1)}`)
    .join(' / ');
  const total = mean(runs.map((r) => sum(r.cpu)));
  const ratio = mean(runs.map((r) => r.ratio));
  process.stdout.write(
    `${label}: CPU ms per transition ${total.toFixed(2)} (${cpu}); system calls ${calls}; transitions ÷ floor ${ratio.toFixed(3)}` +
      ` (runs: ${runs.map((r) => sum(r.cpu).toFixed(2)).join(', ')})\n`,
  );
  return { cpu: total, ratio };
}

function main(): void {
  if (!base) throw new Error('--base <checkout> is required');
  const here = repoRoot();
  const results: Record<'base' | 'this', Figures[]> = { base: [], this: [] };
  for (let round = 0; round < rounds; round++) {
    const order: ('base' | 'this')[] = round % 2 === 0 ? ['base', 'this'] : ['this', 'base'];
    for (const which of order) {
      process.stdout.write(`round ${round + 1}/${rounds}: ${which}\n`);
      results[which].push(runOnce(which === 'base' ? path.resolve(base) : here));
    }
  }
  const a = summary('base', results.base);
  const b = summary('this', results.this);
  const change = (from: number, to: number) => `${(((to - from) / from) * 100).toFixed(1)} %`;
  process.stdout.write(`change: CPU per transition ${change(a.cpu, b.cpu)}, transitions ÷ floor ${change(a.ratio, b.ratio)}\n`);
}

main();
