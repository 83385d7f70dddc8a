/**
 * A container recipe the project already commits (`Dockerfile`, `Containerfile`, `Dockerfile.prod`,
 * `api.dockerfile`): its final CMD / ENTRYPOINT says how the team really starts the app, its EXPOSE
 * which port it listens on, and its `pip install -r …` lines which requirement files it needs. Read as
 * text, never built. Files devsquad generated itself are ignored (they are not evidence).
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath, normalize } from '../../core/repo/repo-fs.js';
import { isDevsquadGenerated } from '../../core/generated.js';

export interface ContainerRecipe {
  /** Repo-relative path. */
  file: string;
  /** The command the container runs (ENTRYPOINT + CMD), in shell form. */
  command: string;
  /** Line of the CMD (or ENTRYPOINT) that decides the command. */
  line: number;
  /** The source line, for evidence. */
  note: string;
  expose: { port: number; line: number } | null;
  /** `ENV PORT=8080` in the final stage: what a command reading $PORT listens on. */
  envPort: { port: number; line: number } | null;
  /** Requirement files its pip installs read, relative to the service directory. */
  installFiles: string[];
  /**
   * The folder (relative to the service) the command runs in, when the recipe copies the service to
   * DEST and its WORKDIR is a sub-folder of DEST; '' otherwise.
   */
  workdir: string;
  /** The official `python:X.Y…` image the final stage runs on (a runtime hint). */
  pythonImage: { version: string; line: number; note: string } | null;
}

const EXACT = ['Dockerfile', 'Containerfile', 'dockerfile'];
const VARIANT = /^(?:Dockerfile|Containerfile)\.[\w.-]+$|\.(?:dockerfile|Dockerfile|containerfile)$/;

/** The recipe of a service directory: `Dockerfile` first, else the variant named after the service, a production one, the plainest name. */
export function findRecipeFile(repo: RepoFs, dir: string, serviceName: string): string | null {
  const names = repo.list(dir).filter((n) => repo.isFile(joinPath(dir, n)));
  const exact = EXACT.find((n) => names.includes(n));
  if (exact) return joinPath(dir, exact);
  const stem = (n: string): string => n.replace(/\.(?:dockerfile|Dockerfile|containerfile)$/, '').replace(/^(?:Dockerfile|Containerfile)\./, '').toLowerCase();
  const rank = (n: string): number => (stem(n) === serviceName.toLowerCase() ? 0 : /prod/i.test(n) ? 1 : /dev|test|local|debug|ci\b/i.test(n) ? 3 : 2);
  const variants = names.filter((n) => VARIANT.test(n) && !n.endsWith('.dockerignore'));
  const best = variants.sort((a, b) => rank(a) - rank(b) || a.length - b.length || a.localeCompare(b))[0];
  return best ? joinPath(dir, best) : null;
}

interface Instruction {
  keyword: string;
  args: string;
  line: number;
  raw: string;
}

/** Instructions with `\` continuations joined and comments dropped, each with its first line. */
function instructions(text: string): Instruction[] {
  const out: Instruction[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const first = lines[i] ?? '';
    if (/^\s*(#|$)/.test(first)) continue;
    let joined = first;
    const start = i;
    while (/\\\s*$/.test(joined) && i + 1 < lines.length) {
      i++;
      const next = lines[i] ?? '';
      if (/^\s*#/.test(next)) continue;
      joined = joined.replace(/\\\s*$/, ' ') + next.trim();
    }
    const m = /^\s*([A-Za-z]+)\s+([\s\S]*)$/.exec(joined);
    if (m?.[1]) out.push({ keyword: m[1].toUpperCase(), args: (m[2] ?? '').trim(), line: start + 1, raw: first.trim() });
  }
  return out;
}

/** Exec form (`["gunicorn", "app:app"]`) as a shell command line; shell form as written. */
function commandLine(args: string): { text: string; exec: boolean } {
  if (args.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(args);
      if (Array.isArray(parsed) && parsed.every((a) => typeof a === 'string')) {
        return { text: parsed.map((a: string) => (/^[\w@%+=:,./$-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' '), exec: true };
      }
    } catch {
      // not JSON: Docker runs it as a shell command
    }
  }
  return { text: args, exec: false };
}

export function readContainerRecipe(repo: RepoFs, dir: string, serviceName: string): ContainerRecipe | null {
  const file = findRecipeFile(repo, dir, serviceName);
  const text = file ? repo.readText(file) : null;
  if (!file || text === null || isDevsquadGenerated(text)) return null;
  const all = instructions(text);
  // Only the final stage runs.
  const lastFrom = all.map((i) => i.keyword).lastIndexOf('FROM');
  const stage = all.slice(Math.max(0, lastFrom));
  const last = (keyword: string): Instruction | undefined => stage.filter((i) => i.keyword === keyword).pop();
  const cmd = last('CMD');
  const entrypoint = last('ENTRYPOINT');
  const resolved = resolveCommand(repo, dir, entrypoint, cmd);
  if (!resolved) return null;
  const expose = stage.find((i) => i.keyword === 'EXPOSE');
  const exposed = expose ? /^(\d{2,5})(?:\/tcp)?\b/.exec(expose.args)?.[1] : undefined;
  const env = stage.filter((i) => i.keyword === 'ENV' && /(?:^|\s)PORT[=\s]+["']?\d{2,5}\b/.test(i.args)).pop();
  const envPort = env ? /(?:^|\s)PORT[=\s]+["']?(\d{2,5})\b/.exec(env.args)?.[1] : undefined;
  return {
    file,
    command: resolved.command,
    line: resolved.at.line,
    note: resolved.at.raw,
    expose: exposed && expose ? { port: Number(exposed), line: expose.line } : null,
    envPort: envPort && env ? { port: Number(envPort), line: env.line } : null,
    installFiles: installFiles(repo, dir, all),
    workdir: workdirOf(repo, dir, stage),
    pythonImage: pythonImage(all, lastFrom),
  };
}

/** `FROM python:3.12-slim` of the final stage (following `FROM builder` to the stage it names), as '3.12'. */
function pythonImage(all: readonly Instruction[], lastFrom: number): ContainerRecipe['pythonImage'] {
  let from = all[lastFrom];
  for (let hops = 0; from && hops < 5; hops++) {
    const image = /^(?:--\S+\s+)*(\S+)/.exec(from.args)?.[1] ?? '';
    const version = /^(?:docker\.io\/)?(?:library\/)?python:(\d+\.\d+)/.exec(image)?.[1];
    if (version) return { version, line: from.line, note: from.raw };
    const name = image.toLowerCase();
    from = all.find((i) => i.keyword === 'FROM' && new RegExp(`\\s+as\\s+${name.replace(/[^\w-]/g, '')}\\s*$`, 'i').test(i.args));
  }
  return null;
}

/**
 * ENTRYPOINT + CMD the way Docker combines them. A shell-form ENTRYPOINT ignores CMD; an entrypoint
 * script that ends with `exec "$@"` hands over to CMD; another script is read for its last command.
 */
function resolveCommand(repo: RepoFs, dir: string, entrypoint: Instruction | undefined, cmd: Instruction | undefined): { command: string; at: Instruction } | null {
  const cmdLine = cmd ? commandLine(cmd.args) : null;
  if (!entrypoint) return cmd && cmdLine ? { command: cmdLine.text, at: cmd } : null;
  const entry = commandLine(entrypoint.args);
  const script = /^(?:(?:ba)?sh\s+)?(\S+\.sh)$/.exec(entry.text)?.[1];
  if (script) {
    const body = scriptText(repo, dir, script);
    if (body !== null && /exec\s+["']?\$@["']?\s*$/m.test(body)) return cmd && cmdLine ? { command: cmdLine.text, at: cmd } : null;
    const lastCommand = body === null ? null : lastScriptCommand(body);
    return lastCommand ? { command: lastCommand, at: entrypoint } : null;
  }
  if (!entry.exec || !cmdLine) return { command: entry.text, at: entrypoint };
  return { command: `${entry.text} ${cmdLine.text}`, at: cmd ?? entrypoint };
}

/** The text of an entrypoint script the recipe copies from the service (`/app/entrypoint.sh`, `./start.sh`). */
function scriptText(repo: RepoFs, dir: string, path: string): string | null {
  for (const candidate of suffixes(path)) {
    const text = repo.readText(joinPath(dir, candidate));
    if (text !== null) return text;
  }
  return null;
}

/** The last command of a start script (its server), without `exec`. */
function lastScriptCommand(body: string): string | null {
  const lines = body.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#') && !/^(set|fi|done|esac|then|else|}|trap)\b/.test(l));
  const last = lines.pop();
  return last ? last.replace(/^exec\s+/, '') : null;
}

/** `/app/requirements.txt` → [`app/requirements.txt`, `requirements.txt`]: the recipe's paths as the service sees them. */
function suffixes(path: string): string[] {
  const parts = path.replace(/^\.?\//, '').split('/').filter((p) => p !== '' && p !== '.');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) out.push(parts.slice(i).join('/'));
  return out;
}

/** Requirement files read by `pip install -r …` (also `pip3`, `python -m pip`, `uv pip`), in order, that exist in the service. */
function installFiles(repo: RepoFs, dir: string, all: readonly Instruction[]): string[] {
  const out: string[] = [];
  for (const run of all.filter((i) => i.keyword === 'RUN')) {
    for (const part of run.args.split(/\s*(?:&&|;|\|\|)\s*/)) {
      if (!/\bpip3?\s+install\b/.test(part)) continue;
      for (const m of part.matchAll(/(?:^|\s)(?:-r|--requirement)[=\s]+(\S+)/g)) {
        const found = suffixes(m[1] ?? '').find((s) => normalize(s) !== null && repo.isFile(joinPath(dir, s)));
        if (found && !out.includes(found)) out.push(found);
      }
    }
  }
  return out;
}

/** WORKDIR below the folder the service is copied to (`COPY . /srv` then `WORKDIR /srv/app`): 'app'. */
function workdirOf(repo: RepoFs, dir: string, stage: readonly Instruction[]): string {
  const copy = stage.filter((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && /^(?:--\S+\s+)*\.\/?\s+\S+$/.test(i.args)).pop();
  const workdirs = stage.filter((i) => i.keyword === 'WORKDIR');
  const workdir = workdirs.pop()?.args.replace(/\/$/, '');
  const dest = copy ? /(\S+)$/.exec(copy.args)?.[1]?.replace(/\/$/, '') : undefined;
  if (!workdir || !dest || !dest.startsWith('/') || !workdir.startsWith(`${dest}/`)) return '';
  const sub = workdir.slice(dest.length + 1);
  return repo.isDir(joinPath(dir, sub)) ? sub : '';
}
