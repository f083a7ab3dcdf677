import { createServer } from 'node:net';

/**
 * Ports for child processes' HTTP servers come from below the kernel's ephemeral range (32768–60999
 * on Linux): a port the OS hands out for `listen(0)` is also what it hands to outgoing connections,
 * so between this check and the child's own `listen` a database or Redis connection could take it.
 * Below that range only another listener can, and the check below sees those.
 */
const LOW = 20_000;
const HIGH = 32_000;

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A port nobody listens on right now, outside the ephemeral range, for a child process's HTTP server. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW));
    if (await bindable(port)) return port;
  }
  throw new Error(`no free port between ${LOW} and ${HIGH}`);
}
