import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SERVICE_NODE_FLAGS } from '../../src/platform/node-flags';
import { createTestDatabase } from '../support/database';
import { dockerignore, parseDockerfile, type Instruction, type Stage } from '../support/dockerfile';
import { freePort } from '../support/ports';
import { waitFor } from '../support/private-redis';

const ROOT = path.join(__dirname, '../..');

/** Where a stage's filesystem lives in the scratch directory, and what its instructions left behind. */
interface StageState {
  root: string;
  workdir: string;
  env: Record<string, string>;
  user: string;
  healthcheck?: Instruction;
  cmd?: string[];
}

function copyTree(from: string, to: string, skip: (relative: string) => boolean, relative: string): void {
  if (skip(relative)) return;
  const stat = fs.statSync(from);
  if (stat.isDirectory()) {
    fs.mkdirSync(to, { recursive: true });
    for (const entry of fs.readdirSync(from))
      copyTree(path.join(from, entry), path.join(to, entry), skip, path.posix.join(relative, entry));
  } else {
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(from, to);
  }
}

/**
 * Replays the Dockerfile without a Docker daemon: every stage in a directory of its own, the same
 * files copied (the build context filtered by .dockerignore, or another stage's files), the same
 * RUN commands in the stage's WORKDIR with its ENV. What it cannot replay: the base image (the
 * host's Node.js and shell stand in for it) and file ownership (`chown` is a no-op here; the
 * runtime stage's USER is checked instead). A BuildKit npm cache mount uses the host's npm cache.
 * As BuildKit does, stages run side by side; a `COPY --from` waits for the stage it names.
 */
async function replay(stages: Stage[], scratch: string): Promise<Map<string, StageState>> {
  const ignored = dockerignore(path.join(ROOT, '.dockerignore'));
  const npmCache = execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).trim();
  const done = new Map<string, Promise<StageState>>();
  const run = async (stage: Stage, before: Map<string, Promise<StageState>>): Promise<StageState> => {
    const state: StageState = { root: path.join(scratch, stage.name), workdir: '/', env: {}, user: 'root' };
    fs.mkdirSync(state.root, { recursive: true });
    const inStage = (p: string) => path.join(state.root, path.posix.resolve(state.workdir, p));
    for (const ins of stage.instructions) {
      switch (ins.keyword) {
        case 'WORKDIR':
          state.workdir = path.posix.resolve(state.workdir, ins.args);
          fs.mkdirSync(inStage('.'), { recursive: true });
          break;
        case 'ENV':
          for (const [, k, v] of ins.args.matchAll(/(\w+)=("[^"]*"|\S+)/g)) state.env[k] = v.replace(/^"|"$/g, '');
          break;
        case 'COPY': {
          const parts = ins.args.split(/\s+/);
          const dest = parts.pop()!;
          const from = ins.flags.from ? await before.get(ins.flags.from) : undefined;
          if (ins.flags.from && !from) throw new Error(`COPY --from=${ins.flags.from}: no such stage before it`);
          for (const source of parts) {
            const absolute = from ? path.join(from.root, source) : path.join(ROOT, source);
            const relative = path.posix.normalize(source).replace(/^\/+/, '');
            if (!fs.existsSync(absolute) || (!from && ignored(relative)))
              throw new Error(`COPY ${source}: not in the ${from ? `stage ${ins.flags.from}` : 'build context'}`);
            const isDir = fs.statSync(absolute).isDirectory();
            const target = isDir || !dest.endsWith('/') ? inStage(dest) : path.join(inStage(dest), path.basename(source));
            copyTree(absolute, target, (r) => !from && ignored(r), from ? '' : relative);
          }
          break;
        }
        case 'RUN': {
          // A command that wrote outside its WORKDIR would write on this machine.
          expect({ run: ins.args, absolutePath: /(^|[\s=])\/(?!dev\/null)/.test(ins.args) }).toEqual({
            run: ins.args,
            absolutePath: false,
          });
          const mount = ins.flags.mount ?? '';
          if (mount && !/^type=cache,target=\/root\/\.npm$/.test(mount))
            throw new Error(`RUN --mount=${mount}: the replay knows only npm's cache mount`);
          try {
            await promisify(execFile)('sh', ['-c', `chown() { :; }; ${ins.args}`], {
              cwd: inStage('.'),
              maxBuffer: 64 * 1024 * 1024,
              env: {
                PATH: process.env.PATH ?? '',
                HOME: state.root,
                ...state.env,
                npm_config_prefer_offline: 'true',
                npm_config_update_notifier: 'false',
                ...(mount ? { npm_config_cache: npmCache } : {}),
              },
            });
          } catch (e) {
            const { stdout = '', stderr = '' } = e as { stdout?: string; stderr?: string };
            throw new Error(`stage ${stage.name}: RUN ${ins.args} failed:\n${stdout.slice(-3000)}\n${stderr.slice(-1500)}`, { cause: e });
          }
          break;
        }
        case 'USER':
          state.user = ins.args;
          break;
        case 'HEALTHCHECK':
          state.healthcheck = ins;
          break;
        case 'CMD':
          state.cmd = ins.exec;
          break;
        case 'EXPOSE':
        case 'LABEL':
        case 'ARG':
          break;
        default:
          throw new Error(`the replay does not know ${ins.keyword}: teach test/e2e/dockerfile.spec.ts what it does`);
      }
    }
    return state;
  };
  for (const stage of stages) done.set(stage.name, run(stage, new Map(done)));
  const states = new Map<string, StageState>();
  for (const [name, state] of done) states.set(name, await state);
  return states;
}

/** The image as the Dockerfile builds it, replayed, then started the way the image starts. */
describe('the Dockerfile, replayed', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lf-image-'));
  const stages = parseDockerfile(path.join(ROOT, 'Dockerfile'));
  let runtime: StageState;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let child: ChildProcess | undefined;
  let output = '';
  let exitCode: number | null = null;

  beforeAll(async () => {
    db = await createTestDatabase('dockerfile');
    const started = Date.now();
    runtime = (await replay(stages, scratch)).get(stages.at(-1)!.name)!;
    process.stdout.write(`[dockerfile] replayed ${stages.length} stages in ${Math.round((Date.now() - started) / 1000)} s\n`);
  }, 600_000);
  afterAll(async () => {
    if (child && exitCode === null) child.kill('SIGKILL');
    await fs.promises.rm(scratch, { recursive: true, force: true });
    await db?.drop();
  }, 180_000);

  it('does build in one stage and run in another with the production dependencies only, as a non-root user', () => {
    expect(stages.map((s) => s.name)).toEqual(['build', 'runtime']);
    expect(runtime.user).not.toMatch(/^(root|0)(:.*)?$/);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    // What the lockfile marks dev-only (jest, swc, playwright, …; TypeScript is a peer of production packages, so it stays).
    const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean }>;
    };
    const devOnly = Object.entries(lock.packages)
      .filter(([where, p]) => where && p.dev)
      .map(([where]) => where);
    expect(devOnly).toEqual(expect.arrayContaining(['node_modules/jest', 'node_modules/@swc/core', 'node_modules/playwright-core']));
    const app = path.join(runtime.root, runtime.workdir);
    expect(devOnly.filter((where) => fs.existsSync(path.join(app, where)))).toEqual([]);
    for (const dep of Object.keys(pkg.dependencies))
      expect({ dep, installed: fs.existsSync(path.join(app, 'node_modules', dep)) }).toEqual({ dep, installed: true });
    // Sources stay in the build stage; the runtime has the compiled service.
    expect(fs.existsSync(path.join(runtime.root, runtime.workdir, 'src'))).toBe(false);
    expect(fs.existsSync(path.join(runtime.root, runtime.workdir, 'dist/src/main.js'))).toBe(true);
  });

  it('does start with its CMD against a database until /health/ready answers 200, pass its HEALTHCHECK, and stop on SIGTERM', async () => {
    const [command, ...args] = runtime.cmd!;
    expect(command).toBe('node');
    expect(args.filter((a) => a.startsWith('--max-'))).toEqual([...SERVICE_NODE_FLAGS]);
    const port = String(await freePort());
    const metricsPort = String(await freePort());
    const cwd = path.join(runtime.root, runtime.workdir);
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: runtime.root,
      ...runtime.env,
      // As in production: OpenID Connect (nothing is asked of the provider until someone signs in) and a secrets key.
      DATABASE_URL: db.url,
      AUTH_MODE: 'oidc',
      OIDC_ISSUER: 'https://idp.invalid',
      OIDC_AUDIENCE: 'livsforloeb',
      OIDC_JWKS_URL: 'https://idp.invalid/jwks',
      SECRETS_KEY: `image:${Buffer.alloc(32, 7).toString('base64')}`,
      PORT: port,
      METRICS_PORT: metricsPort,
      QUEUE_NAMESPACE: `image_${process.pid}`,
      LOG_LEVEL: 'warn',
    };
    child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    child.on('exit', (code, signal) => (exitCode = code ?? (signal ? 128 : 0)));

    const base = `http://127.0.0.1:${port}`;
    try {
      await waitFor(
        async () => {
          if (exitCode !== null) throw new Error(`exited with ${exitCode}`);
          return (await fetch(`${base}/health/ready`).catch(() => undefined))?.status === 200;
        },
        90_000,
        200,
      );
    } catch (e) {
      throw new Error(`${(e as Error).message}: ${output.slice(-1500)}`, { cause: e });
    }

    // The HEALTHCHECK's command, run where the image would run it.
    const check = runtime.healthcheck!;
    expect(check.exec?.[0]).toBe('node');
    expect(() => execFileSync(process.execPath, check.exec!.slice(1), { cwd, env, stdio: 'pipe', timeout: 10_000 })).not.toThrow();

    // What people and operators reach: pages with their design-system assets, the API docs, the metrics on their own port.
    const login = await fetch(`${base}/login`);
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('/assets/dkfds/css/dkfds-borgerdk.min.css');
    expect((await fetch(`${base}/assets/dkfds/css/dkfds-borgerdk.min.css`)).status).toBe(200);
    expect((await fetch(`${base}/api/docs-json`)).status).toBe(200);
    expect((await fetch(`${base}/api/journey-types`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).status).toBe(200);

    child.kill('SIGTERM');
    await waitFor(() => exitCode !== null, 30_000, 50);
    expect(exitCode).toBe(0);
  }, 180_000);
});
