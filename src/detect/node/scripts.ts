/**
 * Reading package.json scripts the way a person does: follow `npm run x` to script x, split
 * `a && b`, drop env prefixes (`cross-env NODE_ENV=production`), and say what the last step runs:
 * node / bun with an entry file, tsx, a dev server (nodemon, next dev, vite), or some package binary.
 */
import type { Manifest } from './schema.js';
import { manifestLine } from './schema.js';

export type RunKind = 'node' | 'bun' | 'tsx' | 'ts-node' | 'bin' | 'dev' | 'delegate' | 'other';

export interface ParsedRun {
  kind: RunKind;
  /** The production command for node / bun / tsx / bin runs, else null. */
  command: string | null;
  /** Entry file relative to the package dir, when the run names one. */
  entry: string | null;
  /** Binary name and its arguments for kind 'bin' and 'dev'. */
  bin: string | null;
  args: string;
  /** `PORT=4000 node x.js` style assignments. */
  env: Record<string, string>;
  /** The script named `--env-file` / dotenv-cli: not present in an image. */
  droppedEnvFile: boolean;
  /** Steps before the run in the same script (`prisma migrate deploy && node …`). */
  before: string[];
  /** The script that holds the run and its manifest line. */
  script: string;
  line: number | undefined;
  /** The script text as written. */
  text: string;
}

/** Framework CLIs and watchers that are dev servers, never a production start. */
const DEV_RUNS = [
  /^(nodemon|ts-node-dev|tsnd|supervisor|node-dev|webpack-dev-server|browser-sync|live-server|lite-server|concurrently|npm-run-all|run-p|run-s|turbo)\b/,
  /^(next|nuxt|nuxi|astro|remix|vite|svelte-kit|gatsby|react-router|wrangler|vercel|netlify)\s+dev\b/,
  /^vite\s*$/,
  /^vite\s+(serve|--)/,
  /^(vue-cli-service|ng)\s+serve\b/,
  /^react-scripts\s+start\b/,
  /^webpack\s+(serve|--watch)/,
  /^parcel(\s+(serve|watch))?\s+(?!build)/,
  /^gatsby\s+develop\b/,
  /^tsc\b.*(-w|--watch)\b/,
  /^tsx\s+watch\b/,
  /^(vite|astro)\s+preview\b/,
  // `nest start` compiles in memory on every boot; production runs the built `node dist/main`.
  /^nest\s+start\b/,
];

const NODE_VALUE_FLAGS = new Set(['-r', '--require', '--import', '--loader', '--experimental-loader', '--env-file', '--env-file-if-exists', '--inspect-port', '--title', '--conditions', '-C']);

/** Parses the named script (following `npm run` hops), or null when it is missing. */
export function parseScript(manifest: Manifest, name: string, depth = 0): ParsedRun | null {
  const text = manifest.scripts[name];
  if (text === undefined || depth > 4) return null;
  const segments = splitSegments(text);
  const before: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const isLast = i === segments.length - 1;
    const hop = scriptHop(seg, manifest);
    if (hop !== null) {
      if (isLast) {
        const inner = parseScript(manifest, hop, depth + 1);
        return inner ? { ...inner, before: [...before, ...inner.before] } : null;
      }
      before.push(seg);
      continue;
    }
    if (!isLast && !isLongRunning(seg)) {
      before.push(seg);
      continue;
    }
    const run = parseRun(seg);
    return { ...run, before, script: name, line: manifestLine(manifest, name), text };
  }
  return null;
}

/** `a && b ; c` → ['a', 'b', 'c'] (only top-level separators; quotes kept). */
export function splitSegments(script: string): string[] {
  return script
    .split(/\s*(?:&&|;|\|\|)\s*/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** `npm run x`, `npm start`, `yarn x`, `pnpm x`, `bun run x` pointing at another script. */
function scriptHop(seg: string, manifest: Manifest): string | null {
  const m = /^(?:npm|pnpm|yarn|bun)\s+(?:run(?:-script)?\s+|--silent\s+run\s+)?([\w:.-]+)\s*$/.exec(seg) ?? /^npm\s+(start|test)\b/.exec(seg);
  const name = m?.[1];
  if (!name) return null;
  if (name === 'start' && /^npm\s+start/.test(seg)) return 'start';
  return manifest.scripts[name] !== undefined ? name : null;
}

/** Whether a segment keeps running (a server) rather than a one-off step. */
function isLongRunning(seg: string): boolean {
  const run = stripPrefixes(seg).rest;
  return /^(node|bun|tsx|ts-node|pm2-runtime|next\s+start|nuxt\s+start|remix-serve|react-router-serve)\b/.test(run);
}

function stripPrefixes(seg: string): { rest: string; env: Record<string, string>; droppedEnvFile: boolean } {
  const env: Record<string, string> = {};
  let droppedEnvFile = false;
  let rest = seg.trim();
  for (let i = 0; i < 8; i++) {
    const before = rest;
    const assign = /^([A-Za-z_]\w*)=("[^"]*"|'[^']*'|\S*)\s+/.exec(rest);
    if (assign) {
      env[assign[1] ?? ''] = (assign[2] ?? '').replace(/^["']|["']$/g, '');
      rest = rest.slice(assign[0].length);
    }
    rest = rest.replace(/^(cross-env(-shell)?|env)\s+/, '');
    const dotenv = /^(dotenv|dotenvx\s+run|env-cmd)\b[^-]*?(--\s+|(?=node\b|bun\b|tsx\b))/.exec(rest) ?? /^env-cmd\s+(-f\s+\S+\s+)?/.exec(rest);
    if (dotenv) {
      droppedEnvFile = true;
      rest = rest.slice(dotenv[0].length);
    }
    rest = rest.replace(/^npx\s+(--no-install\s+|-y\s+)?/, '').replace(/^(pnpm\s+exec|yarn\s+exec|bunx|bun\s+x)\s+/, '');
    if (rest === before) break;
  }
  return { rest: rest.trim(), env, droppedEnvFile };
}

/** Classifies one command line. */
export function parseRun(seg: string): Omit<ParsedRun, 'before' | 'script' | 'line' | 'text'> {
  const { rest, env, droppedEnvFile } = stripPrefixes(seg);
  const base = { env, droppedEnvFile, bin: null as string | null, args: '' };
  const words = rest.split(/\s+/);
  const first = words[0] ?? '';
  for (const re of DEV_RUNS) {
    if (re.test(rest)) return { ...base, kind: 'dev', command: null, entry: devEntry(words), bin: first, args: words.slice(1).join(' ') };
  }
  if (first === 'node' || first === 'nodejs') {
    const { flags, entry, tail, envFile } = nodeArgs(words.slice(1));
    if (!entry) return { ...base, kind: 'other', command: null, entry: null };
    const command = ['node', ...flags, entry, ...tail].join(' ');
    return { ...base, droppedEnvFile: droppedEnvFile || envFile, kind: 'node', command, entry };
  }
  if (first === 'bun') {
    const args = words.slice(1).filter((w) => w !== '--watch' && w !== '--hot' && w !== '--bun');
    if (args[0] === 'run') args.shift();
    const entry = args.find((w) => !w.startsWith('-')) ?? null;
    if (entry && /\.(m?[jt]sx?|cjs|cts)$/.test(entry)) return { ...base, kind: 'bun', command: ['bun', ...args].join(' '), entry };
    return { ...base, kind: 'other', command: null, entry: null };
  }
  if (first === 'tsx') {
    const args = words.slice(1).filter((w) => w !== 'watch');
    const entry = args.find((w) => !w.startsWith('-')) ?? null;
    if (!entry) return { ...base, kind: 'other', command: null, entry: null };
    // `node --import tsx` keeps node as PID 1 (tsx >= 4 on Node >= 20.6).
    return { ...base, kind: 'tsx', command: ['node', '--import', 'tsx', ...args].join(' '), entry };
  }
  if (first === 'ts-node' || first === 'ts-node-esm') {
    const entry = words.slice(1).find((w) => !w.startsWith('-')) ?? null;
    return { ...base, kind: 'ts-node', command: null, entry, bin: first, args: words.slice(1).join(' ') };
  }
  if (first === 'pm2' && words[1] === 'start') {
    const target = words[2] ?? '';
    if (/ecosystem|\.config\./.test(target) || target.endsWith('.json')) return { ...base, kind: 'bin', command: null, entry: null, bin: 'pm2-runtime', args: words.slice(1).join(' ') };
    if (/\.[cm]?js$/.test(target)) return { ...base, kind: 'node', command: `node ${target}`, entry: target };
  }
  if (first === 'forever' && words[1] === 'start' && words[2]) return { ...base, kind: 'node', command: `node ${words[2]}`, entry: words[2] };
  if (/^(npm|pnpm|yarn|bun)$/.test(first)) return { ...base, kind: 'delegate', command: null, entry: null };
  if (/^[@\w][\w@/.-]*$/.test(first) && !/^(echo|exit|true|false|cd|rm|cp|mv|mkdir|sh|bash|cat|test)$/.test(first)) {
    return { ...base, kind: 'bin', command: null, entry: null, bin: first, args: words.slice(1).join(' ') };
  }
  return { ...base, kind: 'other', command: null, entry: null };
}

function nodeArgs(args: string[]): { flags: string[]; entry: string | null; tail: string[]; envFile: boolean } {
  const flags: string[] = [];
  let envFile = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--watch' || a.startsWith('--watch-path') || a === '--inspect' || a.startsWith('--inspect=') || a === '--inspect-brk') continue;
    if (/^--env-file(=|$)/.test(a)) {
      envFile = true;
      if (!a.includes('=')) i++;
      continue;
    }
    if (a.startsWith('-')) {
      flags.push(a);
      if (NODE_VALUE_FLAGS.has(a) && args[i + 1] !== undefined) flags.push(args[++i]!);
      continue;
    }
    return { flags, entry: a, tail: args.slice(i + 1), envFile };
  }
  return { flags, entry: null, tail: [], envFile };
}

function devEntry(words: string[]): string | null {
  const file = words.slice(1).find((w) => /\.(m?[jt]sx?|c[jt]s)$/.test(w) && !w.startsWith('-'));
  return file ?? null;
}

/** The scripts that may hold the production start, in the order a person would look. */
export const START_SCRIPTS = ['start:prod', 'start:production', 'prod', 'start', 'serve', 'server', 'production'] as const;

/**
 * The production start among the start-like scripts: a node / bun / tsx run wins, then a package
 * binary (`next start`, `remix-serve …`), then whatever `start` says (a dev server still names the
 * entry file).
 */
export function findStartScript(manifest: Manifest): ParsedRun | null {
  const parsed = START_SCRIPTS.map((name) => parseScript(manifest, name)).filter((p): p is ParsedRun => p !== null);
  return (
    parsed.find((p) => p.kind === 'node' || p.kind === 'bun' || p.kind === 'tsx') ??
    parsed.find((p) => p.kind === 'bin') ??
    parsed.find((p) => p.script === 'start') ??
    null
  );
}
