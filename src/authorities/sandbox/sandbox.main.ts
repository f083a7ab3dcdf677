/**
 * `npm run sandbox -- --port 4010 [--host 127.0.0.1] [--seed 1] [--latency-scale 1] [--faults '{"cpr":{"errorRate":0.3}}'] [--quiet]`
 *
 * Runs the authority sandbox as its own process. Configuration comes from the command line only.
 * Each call is logged as one line without request bodies, so no CPR numbers or names are printed.
 */
import { parseArgs } from 'node:util';
import { startSandbox } from './sandbox.server';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string', default: '1' },
      'latency-scale': { type: 'string', default: '1' },
      faults: { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
  });
  const number = (name: string, text: string | undefined): number => {
    const n = Number(text);
    if (text === undefined || text.trim() === '' || !Number.isFinite(n) || n < 0)
      throw new Error(`--${name} must be a non-negative number`);
    return n;
  };
  const sandbox = await startSandbox({
    port: number('port', values.port),
    host: values.host,
    seed: number('seed', values.seed),
    latencyScale: number('latency-scale', values['latency-scale']),
    faults: values.faults ? (JSON.parse(values.faults) as Record<string, never>) : undefined,
    onCall: values.quiet
      ? undefined
      : (c) =>
          process.stdout.write(
            `${c.at} ${c.system}/${c.task} attempt=${c.attempt} ${c.status} ${c.outcome}${c.code ? ` ${c.code}` : ''} ${c.durationMs}ms\n`,
          ),
  });
  process.stdout.write(`authority sandbox listening on ${sandbox.url} (admin: ${sandbox.url}/admin/calls, /admin/faults)\n`);
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`authority sandbox could not start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
