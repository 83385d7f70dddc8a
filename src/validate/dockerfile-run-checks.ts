/**
 * Checks over RUN commands: package-manager hygiene, piping remote scripts to a shell, sudo,
 * lockfile-strict installs and layer order. RUN text is matched per shell segment (split on &&, ;,
 * | and newlines) so a flag in one command does not excuse another.
 */
import { JSONInstruction } from 'dockerfile-ast';
import type { Instruction } from 'dockerfile-ast';
import type { RuleHit } from './dockerfile-rules.js';
import type { DockerfileModel, Stage } from './dockerfile-model.js';
import { commandText, finalLineage, hasCacheMount, lineage, mounts, positionOf, segments, tokens, variablesAt } from './dockerfile-model.js';
import { sourcesOf } from './dockerfile-checks.js';

interface RunInfo {
  stage: Stage;
  instruction: Instruction;
  text: string;
  segments: string[];
}

function runs(model: DockerfileModel, stages: readonly Stage[] = model.stages): RunInfo[] {
  const out: RunInfo[] = [];
  for (const stage of stages) {
    for (const instruction of stage.instructions) {
      if (instruction.getKeyword() !== 'RUN') continue;
      const text = commandText(instruction);
      out.push({ stage, instruction, text, segments: segments(text) });
    }
  }
  return out;
}

function hit(run: RunInfo, message: string): RuleHit {
  return { ...positionOf(run.instruction), message };
}

const APT_INSTALL = /\bapt(?:-get)?\b.*\binstall\b/;
const APT_UPGRADE = /\bapt(?:-get)?\s+(?:-\S+\s+)*(?:upgrade|dist-upgrade|full-upgrade)\b/;
const APK_ADD = /\bapk\b.*\badd\b/;

export function checkApt(model: DockerfileModel): RuleHit[] {
  const hits: RuleHit[] = [];
  const inFinal = new Set(finalLineage(model));
  // An earlier RUN may configure APT::Install-Recommends "0" for the whole build.
  const recommendsOff = runs(model).some((r) => /Install-Recommends/i.test(r.text) && !APT_INSTALL.test(r.text));
  for (const run of runs(model)) {
    const installs = run.segments.filter((s) => APT_INSTALL.test(s));
    if (installs.length === 0) continue;
    const problems: string[] = [];
    if (!recommendsOff && installs.some((s) => !/--no-install-recommends|Install-Recommends/i.test(s))) {
      problems.push('installs recommended packages (no --no-install-recommends)');
    }
    // Lists left in a discarded build stage cost nothing; only the final image matters.
    const cleaned = /\brm\s+(-\w+\s+)*\S*\/var\/lib\/apt\/lists/.test(run.text) || hasCacheMount(run.instruction, ['/var/lib/apt', '/var/cache/apt']);
    if (inFinal.has(run.stage) && !cleaned) problems.push('leaves /var/lib/apt/lists in the layer');
    if (problems.length > 0) hits.push(hit(run, `apt-get install ${problems.join(' and ')}.`));
  }
  return hits;
}

export function checkApk(model: DockerfileModel): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const run of runs(model, finalLineage(model))) {
    const adds = run.segments.filter((s) => APK_ADD.test(s));
    if (adds.length === 0) continue;
    const cached = hasCacheMount(run.instruction, ['/var/cache/apk', '/etc/apk/cache']) || /\brm\s+(-\w+\s+)*\S*\/var\/cache\/apk/.test(run.text);
    if (!cached && adds.some((s) => !/--no-cache\b/.test(s))) {
      hits.push(hit(run, 'apk add without --no-cache keeps the package index in the image layer.'));
    }
  }
  return hits;
}

const PIPE_TO_SHELL = [
  /\b(?:curl|wget)\b[^|;&\n]*\|\s*(?:sudo\s+)?(?:(?:env\s+)?\S*\/)?(?:ba|z|da|k|a)?sh\b/,
  /\b(?:ba|z|da)?sh\s+-c\s+["']?\$\(\s*(?:curl|wget)\b/,
  /<\(\s*(?:curl|wget)\b/,
];

export function checkPipeToShell(model: DockerfileModel): RuleHit[] {
  return runs(model)
    .filter((run) => PIPE_TO_SHELL.some((re) => re.test(run.text)))
    .map((run) => hit(run, 'A remote script is piped into a shell: whatever the server returns runs in the build, unverified.'));
}

export function checkAptUpgrade(model: DockerfileModel): RuleHit[] {
  return runs(model)
    .filter((run) => run.segments.some((s) => APT_UPGRADE.test(s)))
    .map((run) => hit(run, 'apt-get upgrade makes the image depend on the day it was built; the base image tag no longer says what is inside.'));
}

export function checkSudo(model: DockerfileModel): RuleHit[] {
  return runs(model)
    .filter((run) => run.segments.some((s) => tokens(s).includes('sudo')))
    .map((run) => hit(run, 'sudo in a Dockerfile: either it is not needed (RUN runs as the current USER) or it lets the runtime user regain root.'));
}

const BUILD_TOOLS = new Set([
  'build-essential', 'build-base', 'gcc', 'g++', 'gcc-c++', 'make', 'cmake', 'clang', 'autoconf', 'automake', 'libtool', 'pkg-config',
  'pkgconf', 'musl-dev', 'libc-dev', 'libc6-dev', 'linux-headers', 'python3-dev', 'python-dev', 'golang', 'rustc', 'cargo',
]);
const INSTALL_VERB = /^(?:apt-get|apt|apk|yum|dnf|microdnf)$/;

/** Packages named by an OS package-manager install in one command segment. */
function osPackages(segment: string): string[] {
  const words = tokens(segment);
  const pm = words.findIndex((w) => INSTALL_VERB.test(w.split('/').at(-1) ?? ''));
  if (pm === -1) return [];
  const verb = words.findIndex((w, i) => i > pm && (w === 'install' || w === 'add'));
  if (verb === -1) return [];
  const out: string[] = [];
  for (let i = verb + 1; i < words.length; i++) {
    const word = words[i] ?? '';
    if (word === '--virtual' || word === '-t') i++;
    else if (!word.startsWith('-')) out.push(word.split('=')[0] ?? word);
  }
  return out;
}

export function checkBuildToolsSingleStage(model: DockerfileModel): RuleHit[] {
  if (model.stages.length !== 1) return [];
  const hits: RuleHit[] = [];
  for (const run of runs(model)) {
    const tools = [...new Set(run.segments.flatMap(osPackages).filter((p) => BUILD_TOOLS.has(p)))];
    if (tools.length === 0) continue;
    // `apk add --virtual .build-deps … && apk del .build-deps` removes them in the same layer.
    if (/\b(apk\s+del|apt-get\s+(purge|remove|autoremove)|apt\s+(purge|remove)|dnf\s+remove|yum\s+remove)\b/.test(run.text)) continue;
    hits.push(hit(run, `Single-stage image installs build tools (${tools.join(', ')}); they ship in the runtime image.`));
  }
  return hits;
}

/** Positional arguments of a command after its verb (flags and their values removed). */
function positionals(words: readonly string[], from: number, valueFlags: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = from; i < words.length; i++) {
    const word = words[i] ?? '';
    if (word.startsWith('-')) {
      if (!word.includes('=') && valueFlags.has(word)) i++;
    } else {
      out.push(word);
    }
  }
  return out;
}

const NPM_VALUE_FLAGS = new Set(['--omit', '--include', '--prefix', '-w', '--workspace', '--registry', '--cache', '--loglevel']);

interface NodeInstall {
  tool: 'npm' | 'yarn' | 'pnpm';
  locked: boolean;
  /** Installs the project's dependencies (not a global tool). */
  project: boolean;
}

function nodeInstall(segment: string): NodeInstall | null {
  const words = tokens(segment);
  const at = words.findIndex((w) => w === 'npm' || w === 'yarn' || w === 'pnpm' || w.endsWith('/npm'));
  if (at === -1) return null;
  const tool = (words[at] ?? '').split('/').at(-1) as NodeInstall['tool'];
  const verb = words[at + 1];
  if (tool === 'npm') {
    if (verb === 'ci' || verb === 'clean-install') return { tool, locked: true, project: true };
    if (verb !== 'install' && verb !== 'i') return null;
    const project = positionals(words, at + 2, NPM_VALUE_FLAGS).length === 0;
    return { tool, locked: false, project };
  }
  if (tool === 'yarn') {
    if (verb !== undefined && verb !== 'install' && !verb.startsWith('-')) return null;
    return { tool, locked: /--frozen-lockfile|--immutable/.test(segment), project: true };
  }
  if (verb !== 'install' && verb !== 'i') return null;
  if (words.includes('-g') || words.includes('--global')) return null;
  return { tool, locked: /--frozen-lockfile|--offline/.test(segment), project: true };
}

const PIP_VALUE_FLAGS = new Set([
  '-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url', '-t', '--target', '--prefix',
  '--root', '-f', '--find-links', '--platform', '--python-version', '--only-binary', '--no-binary', '--trusted-host', '--cache-dir',
  '--src', '--upgrade-strategy', '--progress-bar', '--report', '--root-user-action', '--abi', '--implementation',
]);
const PIP_BOOTSTRAP = new Set(['pip', 'setuptools', 'wheel']);

interface PipInstall {
  unpinned: string[];
  noCacheDir: boolean;
}

function pipInstall(segment: string): PipInstall | null {
  const words = tokens(segment);
  let at = words.findIndex((w) => /^pip[0-9.]*$/.test(w.split('/').at(-1) ?? ''));
  if (at === -1) {
    const m = words.findIndex((w, i) => w === '-m' && /^pip[0-9.]*$/.test(words[i + 1] ?? ''));
    if (m === -1) return null;
    at = m + 1;
  }
  if (words[at + 1] !== 'install') return null;
  // uv's pip interface has its own cache flags.
  if (words[at - 1] === 'uv') return null;
  const locked = words.some((w) => /^(-r|--requirement|-c|--constraint|--require-hashes)(=|$)/.test(w) || /^-[rc]\S/.test(w));
  const packages = positionals(words, at + 2, PIP_VALUE_FLAGS);
  const unpinned = locked
    ? []
    : packages.filter((p) => {
        const name = p.split(/[<>=!~;[]/)[0]?.toLowerCase() ?? p;
        const pathLike = /^[./]|\/|\.(whl|tar\.gz|zip)$/.test(p) || p.includes('@');
        return !pathLike && !/===?/.test(p) && !PIP_BOOTSTRAP.has(name);
      });
  return { unpinned, noCacheDir: words.includes('--no-cache-dir') };
}

const LOCKFILES: Record<NodeInstall['tool'], string[]> = { npm: ['package-lock.json', 'npm-shrinkwrap.json'], yarn: ['yarn.lock'], pnpm: ['pnpm-lock.yaml'] };

/** Source paths COPY/ADD (and bind mounts) bring into the stage before `until`. */
function copiedSources(stage: Stage, until: Instruction): string[] {
  const out: string[] = [];
  for (const s of lineage(stage).reverse()) {
    for (const instruction of s.instructions) {
      if (instruction === until) break;
      if (!(instruction instanceof JSONInstruction) || instruction.getFlags().some((f) => f.getName() === 'from')) continue;
      if (instruction.getKeyword() === 'COPY' || instruction.getKeyword() === 'ADD') out.push(...sourcesOf(instruction));
    }
  }
  for (const mount of mounts(until)) if (mount.get('type') === 'bind' && !mount.has('from')) out.push(mount.get('source') ?? mount.get('src') ?? '.');
  return out;
}

/**
 * Whether the lockfile is visibly in the stage: 'yes' (copied by name, with `package*.json`, or with
 * the whole context) or 'unknown' (only an optional `lock*` glob, or not copied: then `npm ci` would
 * fail and `npm install` is the only choice, so the finding is informational).
 */
function lockfilePresent(tool: NodeInstall['tool'], sources: readonly string[]): boolean {
  return sources.some((source) => {
    const base = source.split('/').at(-1) ?? source;
    return source === '.' || source === './' || LOCKFILES[tool].includes(base) || (tool === 'npm' && base === 'package*.json');
  });
}

export function checkStrictInstall(model: DockerfileModel): RuleHit[] {
  const hits: RuleHit[] = [];
  const inFinal = new Set(finalLineage(model));
  for (const run of runs(model)) {
    const problems: string[] = [];
    let severity: RuleHit['severity'] = 'info';
    for (const segment of run.segments) {
      const node = nodeInstall(segment);
      if (node?.project && !node.locked) {
        const fix = node.tool === 'npm' ? 'npm ci' : node.tool === 'yarn' ? 'yarn install --frozen-lockfile (or --immutable on Yarn 2+)' : 'pnpm install --frozen-lockfile';
        if (lockfilePresent(node.tool, copiedSources(run.stage, run.instruction))) {
          severity = 'low';
          problems.push(`\`${segment}\` ignores the lockfile when it disagrees with package.json; use \`${fix}\``);
        } else {
          problems.push(`\`${segment}\` runs without a lockfile in the image, so versions are resolved anew on every build; commit ${LOCKFILES[node.tool][0]} and use \`${fix}\``);
        }
      }
      const pip = pipInstall(segment);
      if (!pip) continue;
      if (pip.unpinned.length > 0) {
        severity = 'low';
        problems.push(`pip installs unpinned packages (${pip.unpinned.join(', ')}); pin versions or install from a requirements/lock file`);
      }
      const vars = variablesAt(model, run.stage, run.instruction);
      const cacheOff = pip.noCacheDir || vars.has('PIP_NO_CACHE_DIR') || hasCacheMount(run.instruction, ['/root/.cache/pip', '/root/.cache']);
      if (inFinal.has(run.stage) && !cacheOff) {
        severity = 'low';
        problems.push('pip install keeps its download cache in the layer; add --no-cache-dir or a cache mount');
      }
    }
    if (problems.length > 0) hits.push({ ...hit(run, `${[...new Set(problems)].join('; ')}.`), severity });
  }
  return hits;
}

const DEPENDENCY_INSTALL = [
  /\bpip[0-9.]*\s+install\b.*\s(-r|--requirement)\b/, /\bpoetry\s+install\b/, /\buv\s+sync\b/, /\bpipenv\s+(install|sync)\b/, /\bpdm\s+(install|sync)\b/,
  /\bbun\s+install\b/, /\bbundle\s+install\b/, /\bcomposer\s+install\b/, /\bgo\s+mod\s+download\b/, /\bcargo\s+fetch\b/,
  /\bdependency:(go-offline|resolve)\b/, /\bgradlew?\b.*\bdependencies\b/, /\bmix\s+deps\.get\b/, /\bdotnet\s+restore\b/,
];

function isDependencyInstall(run: RunInfo): boolean {
  return run.segments.some((s) => nodeInstall(s)?.project === true || DEPENDENCY_INSTALL.some((re) => re.test(s)));
}

function copiesWholeContext(instruction: Instruction): boolean {
  const keyword = instruction.getKeyword();
  if (keyword !== 'COPY' && keyword !== 'ADD') return false;
  if (!(instruction instanceof JSONInstruction)) return false;
  if (instruction.getFlags().some((f) => f.getName() === 'from')) return false;
  const sources = sourcesOf(instruction);
  return sources.length > 0 && sources.every((s) => s === '.' || s === './');
}

export function checkCopyBeforeInstall(model: DockerfileModel): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const stage of model.stages) {
    let installed = false;
    let copyAll: Instruction | null = null;
    for (const instruction of stage.instructions) {
      if (copyAll === null && copiesWholeContext(instruction)) {
        // Dependencies installed before the full copy (the recommended order) make a later install fine.
        if (installed) break;
        copyAll = instruction;
        continue;
      }
      if (instruction.getKeyword() !== 'RUN') continue;
      const text = commandText(instruction);
      const run: RunInfo = { stage, instruction, text, segments: segments(text) };
      if (!isDependencyInstall(run)) continue;
      if (copyAll === null) {
        installed = true;
        continue;
      }
      const at = positionOf(copyAll);
      const message = `The whole build context is copied (line ${at.line}) before dependencies are installed (line ${positionOf(instruction).line}): every source change reinstalls them`;
      // With a cache mount the packages are not downloaded again; only the install step re-runs.
      if (mounts(instruction).some((m) => m.get('type') === 'cache')) hits.push({ ...at, message: `${message} (the cache mount saves the downloads).`, severity: 'info' });
      else hits.push({ ...at, message: `${message}.` });
      break;
    }
  }
  return hits;
}
