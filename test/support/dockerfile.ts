import * as fs from 'node:fs';
import * as path from 'node:path';

/** One Dockerfile instruction, continuation lines joined. */
export interface Instruction {
  keyword: string;
  /** Flags such as `--from=build` or `--interval=15s`, by name. */
  flags: Record<string, string>;
  /** The rest of the line, after the flags. */
  args: string;
  /** The JSON (exec) form of the arguments, when they are one. */
  exec?: string[];
}

export interface Stage {
  name: string;
  image: string;
  instructions: Instruction[];
}

/** The stages of a Dockerfile, with `ARG` defaults (those before the first FROM) substituted. */
export function parseDockerfile(file: string): Stage[] {
  const text = fs.readFileSync(file, 'utf8').replace(/\\\r?\n/g, ' ');
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [, keyword, rest0] = /^(\S+)\s*(.*)$/.exec(line)!;
    const rest = rest0.replace(/\$\{(\w+)\}|\$(\w+)/g, (m, a, b) => args[a ?? b] ?? m);
    const upper = keyword.toUpperCase();
    if (upper === 'ARG' && stages.length === 0) {
      const [name, value] = rest.split('=');
      args[name] = value ?? '';
      continue;
    }
    if (upper === 'FROM') {
      const [, image, name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest)!;
      stages.push({ name: name ?? String(stages.length), image, instructions: [] });
      continue;
    }
    const flags: Record<string, string> = {};
    let remaining = rest;
    for (let m = /^--([\w-]+)=(\S+)\s+/.exec(remaining); m; m = /^--([\w-]+)=(\S+)\s+/.exec(remaining)) {
      flags[m[1]] = m[2];
      remaining = remaining.slice(m[0].length);
    }
    let exec: string[] | undefined;
    const json = remaining.replace(/^CMD\s+/, '');
    if (json.startsWith('[')) exec = JSON.parse(json) as string[];
    stages.at(-1)!.instructions.push({ keyword: upper, flags, args: remaining, exec });
  }
  return stages;
}

/** `.dockerignore` as a test of a context-relative path (patterns with `*`, `**`, `?`, and `!` exceptions). */
export function dockerignore(file: string): (relative: string) => boolean {
  const rules = fs.existsSync(file)
    ? fs
        .readFileSync(file, 'utf8')
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#'))
        .map((l) => {
          const negate = l.startsWith('!');
          const pattern = path.posix.normalize((negate ? l.slice(1) : l).replace(/^\/+/, ''));
          const source = pattern
            .split(/(\*\*\/?|\*|\?)/)
            .map((part) =>
              part === '**/' || part === '**'
                ? '(?:.*/)?'
                : part === '*'
                  ? '[^/]*'
                  : part === '?'
                    ? '[^/]'
                    : part.replace(/[.+^${}()|[\]\\]/g, '\\$&'),
            )
            .join('');
          // A pattern that names a directory excludes everything under it.
          return { negate, re: new RegExp(`^${source}(?:/.*)?$`) };
        })
    : [];
  return (relative) => rules.reduce((ignored, r) => (r.re.test(relative) ? !r.negate : ignored), false);
}
