/**
 * The production start command when no framework decided it. In order: the start script when it
 * runs node / bun / tsx or a production binary; the compiled entry of a TypeScript build (tsc,
 * nest build, tsup, esbuild, ncc, bun build, swc, babel: `node dist/…`); the JS file that listens;
 * the Procfile's web process; and last a dev-only script's entry with a warning.
 */
import { joinPath } from '../../core/repo/repo-fs.js';
import { addEvidence, addWarning } from '../../plan/service.js';
import { portFromCommand, readProcfile } from '../shared/procfile.js';
import { lineOf, stripCComments } from '../shared/text.js';
import type { NodeContext } from './context.js';
import { firstFile, hasDep, setDefaultPort, setStart, startBin, useScriptStart } from './context.js';
import { readNestCli } from './frameworks/nestjs.js';
import { execCommand } from './package-managers.js';
import { manifestLine } from './schema.js';
import { parseRun, parseScript, splitSegments } from './scripts.js';
import { readTsconfig } from './tsconfig.js';

const JS_CANDIDATES = ['server.js', 'index.js', 'app.js', 'main.js', 'server.mjs', 'index.mjs', 'app.mjs', 'src/server.js', 'src/index.js', 'src/app.js', 'src/main.js', 'bin/www'];
const TS_STEMS = ['main', 'index', 'server', 'app'];

/** Where a compiled build puts the entry, and how the build is run when there is no build script. */
interface Compiled {
  command: string;
  file: string;
  line?: number;
  note: string;
  /** Build to run when package.json has no build script. */
  buildFallback: string | null;
}

export function resolveStart(ctx: NodeContext): void {
  if (useScriptStart(ctx)) return;
  const script = ctx.startScript;
  if (script?.kind === 'bin' && script.bin && !/^(serve|http-server|vite)$/.test(script.bin)) {
    startFromBin(ctx, script.bin, script.args, script.text, script.line, script.script);
    return;
  }
  const compiled = compiledStart(ctx);
  if (compiled) {
    setStart(ctx, compiled.command, compiled.file, compiled.note, compiled.line);
    if (!ctx.manifest.scripts.build && compiled.buildFallback) {
      ctx.service.commands.build = compiled.buildFallback;
      addEvidence(ctx.service, 'build', compiled.file, `no build script: ${compiled.buildFallback} produces ${compiled.command.split(' ').pop() ?? ''}`);
    }
    return;
  }
  const js = jsEntry(ctx);
  if (js) {
    setStart(ctx, `${ctx.bun ? 'bun' : 'node'} ${js.entry}`, js.file, js.note, js.line);
    return;
  }
  const procfile = readProcfile(ctx.repo, ctx.dir);
  if (procfile?.web) {
    const run = parseRun(procfile.web.command);
    const command = run.command ?? (run.kind === 'bin' && run.bin ? startBin(ctx, run.bin, run.args) : procfile.web.command);
    setStart(ctx, command, procfile.file, `web: ${procfile.web.command}`, procfile.web.line);
    return;
  }
  const devRun = script && script.entry ? script : parseScript(ctx.manifest, 'dev');
  if (devRun && (devRun.kind === 'ts-node' || devRun.kind === 'dev' || devRun.kind === 'tsx') && devRun.entry) {
    const entry = devRun.entry;
    const ts = /\.[cm]?tsx?$/.test(entry);
    const command = ctx.bun ? `bun ${entry}` : !ts ? `node ${entry}` : hasDep(ctx, 'tsx') ? `node --import tsx ${entry}` : startBin(ctx, 'ts-node', entry);
    setStart(ctx, command, ctx.manifest.file, `"${devRun.script}": "${devRun.text}" is a dev command; its entry ${entry} is run directly`, devRun.line);
    if (ts && !ctx.bun) addWarning(ctx.service, `The app runs TypeScript through a runtime loader (${command}); compile it with tsc for production.`);
  }
}

/** Servers started by their own CLI and the port they listen on unless configured otherwise. */
const BIN_PORTS: Record<string, number> = { strapi: 1337, medusa: 9000, directus: 8055, 'node-red': 1880, n8n: 5678, ghost: 2368, keystone: 3000, 'json-server': 3000, 'remix-serve': 3000, 'react-router-serve': 3000 };

function startFromBin(ctx: NodeContext, bin: string, args: string, text: string, line: number | undefined, scriptName: string): void {
  let finalArgs = args;
  const known = BIN_PORTS[bin];
  if (known !== undefined) {
    const flag = portFromCommand(args).port;
    setDefaultPort(ctx, flag ?? known, 'PORT', ctx.manifest.file, flag ? `${bin} ${args}` : `${bin} listens on ${known} by default (reads PORT)`, line);
  }
  if (bin === 'fastify' && /^start\b/.test(args)) {
    // fastify-cli listens on localhost unless told otherwise.
    if (!/(^|\s)(-a|--address)(\s|=)/.test(args)) finalArgs = args.replace(/^start\b/, 'start -a 0.0.0.0');
    const flag = portFromCommand(args).port;
    setDefaultPort(ctx, flag ?? 3000, 'PORT', ctx.manifest.file, flag ? `fastify start ${args}` : 'fastify-cli default port 3000 (reads PORT / FASTIFY_PORT)', line);
  }
  setStart(ctx, startBin(ctx, bin, finalArgs), ctx.manifest.file, `"${scriptName}": "${text}"`, line);
}

/** The compiled entry of a TypeScript build, or null when the package does not compile one. */
function compiledStart(ctx: NodeContext): Compiled | null {
  const build = ctx.manifest.scripts.build ?? '';
  const buildLine = manifestLine(ctx.manifest, 'build');
  const steps = splitSegments(build).map((s) => s.replace(/^(npx|pnpm\s+exec|yarn|bunx)\s+/, ''));
  const ext = (f: string): string => f.replace(/\.tsx?$/, '.js').replace(/\.mts$/, '.mjs').replace(/\.cts$/, '.cjs');
  const runner = ctx.bun ? 'bun' : 'node';

  // Bundlers that name their output on the command line.
  for (const step of steps) {
    const words = step.split(/\s+/);
    const outfile = /--outfile[=\s]+(\S+)/.exec(step)?.[1];
    const outdir = /(?:--outdir|--out-dir|-o|-d)[=\s]+(\S+)/.exec(step)?.[1];
    const entryArg = words.slice(1).find((w) => /\.[cm]?[jt]sx?$/.test(w) && !w.startsWith('-'));
    if (/^(esbuild|bun\s+build)\b/.test(step) || (words[0] === 'bun' && words[1] === 'build')) {
      if (outfile) return compiled(`${runner} ${clean(outfile)}`, `"build": "${build}"`);
      if (outdir && entryArg) return compiled(`${runner} ${clean(outdir)}/${basename(ext(entryArg))}`, `"build": "${build}"`);
    }
    if (words[0] === 'ncc' && words[1] === 'build') return compiled(`node ${clean(outdir ?? 'dist')}/index.js`, `"build": "${build}"`);
    if (words[0] === 'tsup') return tsup(ctx, step, entryArg ?? null, build, buildLine);
    if (words[0] === 'swc' || words[0] === 'babel') {
      const src = words.slice(1).find((w) => !w.startsWith('-') && !/\.[a-z]+$/.test(w) && w !== outdir) ?? 'src';
      const out = outdir ?? 'dist';
      const entry = sourceEntry(ctx, clean(src));
      if (entry) {
        const strip = words[0] === 'babel' || /--strip-leading-paths/.test(step);
        const inner = strip ? entry.slice(clean(src).length + 1) : entry;
        return compiled(`node ${clean(out)}/${ext(inner)}`, `"build": "${build}"`);
      }
    }
  }

  // tsc and nest build: outDir / rootDir from tsconfig.
  const nest = ctx.service.framework === 'nestjs' || steps.some((s) => /^nest\s+build\b/.test(s));
  // No build script at all but a tsconfig that emits: the project is compiled with plain tsc.
  const bareTsc = build.trim() === '' && ctx.repo.isFile(joinPath(ctx.dir, 'tsconfig.json')) ? 'tsc' : undefined;
  const tscStep = steps.find((s) => /^tsc\b/.test(s) && !/--noEmit/.test(s)) ?? bareTsc;
  if (!nest && !tscStep) return mainInOutput(ctx);
  let tsconfigName = /(?:-p|--project)[=\s]+(\S+)/.exec(tscStep ?? '')?.[1] ?? 'tsconfig.json';
  let sourceRoot = 'src';
  let entryStem: string | null = null;
  if (nest) {
    const cli = readNestCli(ctx);
    sourceRoot = cli.sourceRoot;
    entryStem = cli.entryFile;
    tsconfigName = cli.tsConfigPath ?? (ctx.repo.isFile(joinPath(ctx.dir, 'tsconfig.build.json')) ? 'tsconfig.build.json' : 'tsconfig.json');
  }
  const ts = readTsconfig(ctx.repo, ctx.dir, clean(tsconfigName), ctx.workspace?.root ?? null);
  if (ts?.noEmit && !nest) return mainInOutput(ctx);
  if (bareTsc && tscStep === bareTsc && !ts?.outDir) return null;
  const outDir = ts?.outDir ?? (nest ? 'dist' : null);
  const main = ctx.manifest.main ? clean(ctx.manifest.main) : null;
  if (main && outDir && main.startsWith(`${outDir}/`)) {
    return { command: `${runner} ${main}`, file: ctx.manifest.file, line: manifestLine(ctx.manifest, 'main'), note: `"main": "${main}" is the compiled entry (tsconfig outDir ${outDir})`, buildFallback: null };
  }
  const source = nest && entryStem
    ? `${sourceRoot}/${entryStem}.ts`
    : listenSource(ctx, /\.[cm]?tsx?$/) ?? tsCandidates(ctx, ts?.rootDir ?? sourceRoot);
  if (!source) return null;
  const rootDir = ts?.rootDir ?? '';
  const inner = rootDir !== '' && source.startsWith(`${rootDir}/`) ? source.slice(rootDir.length + 1) : rootDir === '' ? source : null;
  if (inner === null) return null;
  const out = outDir ? `${outDir}/${ext(inner)}` : ext(source);
  const configFile = ts?.file ?? joinPath(ctx.dir, tsconfigName);
  const note = `${nest ? 'nest build' : 'tsc'} compiles ${source} to ${out}${ts?.outDir ? ` (outDir ${ts.outDir}` : ' ('}${rootDir ? `, rootDir ${rootDir})` : ')'}`.replace(' ()', '');
  const fallback = nest ? execCommand(ctx.pm, 'nest', 'build') : execCommand(ctx.pm, 'tsc', tsconfigName === 'tsconfig.json' ? '' : `-p ${tsconfigName}`);
  return { command: `${runner} ${out}`, file: ts ? configFile : ctx.manifest.file, line: ts ? lineOf(ctx.repo.readText(configFile) ?? '', /"outDir"/) : buildLine, note, buildFallback: fallback };

  function compiled(command: string, note: string): Compiled {
    return { command, file: ctx.manifest.file, line: buildLine, note, buildFallback: null };
  }
  function sourceEntry(c: NodeContext, srcDir: string): string | null {
    return listenSource(c, /\.[cm]?[jt]sx?$/, srcDir) ?? tsCandidates(c, srcDir);
  }
  function clean(p: string): string {
    return p.replace(/^['"]|['"]$/g, '').replace(/^\.\//, '').replace(/\/$/, '');
  }
  function basename(p: string): string {
    return p.slice(p.lastIndexOf('/') + 1);
  }
}

/** tsup: entry from the command or tsup.config, outDir dist, extension by format and package type. */
function tsup(ctx: NodeContext, step: string, entryArg: string | null, build: string, line: number | undefined): Compiled | null {
  const configPath = firstFile(ctx, ['tsup.config.ts', 'tsup.config.js', 'tsup.config.mjs', 'tsup.config.cjs', 'tsup.config.json']);
  const config = configPath ? stripCComments(ctx.repo.readText(configPath) ?? '') : '';
  const entry = entryArg
    ?? /\bentry\s*:\s*\[\s*['"]([^'"]+)['"]/.exec(config)?.[1]
    ?? /\bentry\s*:\s*\{[^}]*?:\s*['"]([^'"]+)['"]/.exec(config)?.[1]
    ?? listenSource(ctx, /\.[cm]?tsx?$/)
    ?? tsCandidates(ctx, 'src');
  if (!entry) return null;
  const outDir = (/(?:--out-dir|-d)[=\s]+(\S+)/.exec(step)?.[1] ?? /\boutDir\s*:\s*['"]([^'"]+)['"]/.exec(config)?.[1] ?? 'dist').replace(/^\.\//, '').replace(/\/$/, '');
  const format = /--format[=\s]+(\w+)/.exec(step)?.[1] ?? /\bformat\s*:\s*\[?\s*['"](\w+)['"]/.exec(config)?.[1] ?? 'cjs';
  const moduleType = ctx.manifest.type === 'module';
  const extension = format === 'esm' ? (moduleType ? '.js' : '.mjs') : moduleType ? '.cjs' : '.js';
  const stem = entry.replace(/^\.\//, '').replace(/^.*\//, '').replace(/\.[cm]?[jt]sx?$/, '');
  const command = `${ctx.bun ? 'bun' : 'node'} ${outDir}/${stem}${extension}`;
  return { command, file: configPath ?? ctx.manifest.file, line: configPath ? undefined : line, note: `tsup bundles ${entry} to ${outDir}/${stem}${extension} ("build": "${build}")`, buildFallback: null };
}

/** A `main` that points at build output (dist/, build/, lib/) with no known compiler: trust it. */
function mainInOutput(ctx: NodeContext): Compiled | null {
  const main = ctx.manifest.main?.replace(/^\.\//, '');
  if (!main || !ctx.manifest.scripts.build || !/^(dist|build|lib|out)\//.test(main)) return null;
  return { command: `${ctx.bun ? 'bun' : 'node'} ${main}`, file: ctx.manifest.file, line: manifestLine(ctx.manifest, 'main'), note: `"main": "${main}" is written by the build script`, buildFallback: null };
}

/** The package-relative source file that listens, optionally under `under`. */
function listenSource(ctx: NodeContext, ext: RegExp, under?: string): string | null {
  const prefix = ctx.dir === '' ? '' : `${ctx.dir}/`;
  for (const site of ctx.listen) {
    const local = site.file.slice(prefix.length);
    if (!ext.test(local)) continue;
    if (under && under !== '' && !local.startsWith(`${under}/`)) continue;
    return local;
  }
  return null;
}

function tsCandidates(ctx: NodeContext, root: string): string | null {
  for (const stem of TS_STEMS) {
    for (const e of ['ts', 'mts', 'cts']) {
      const local = root === '' ? `${stem}.${e}` : `${root}/${stem}.${e}`;
      if (ctx.repo.isFile(joinPath(ctx.dir, local))) return local;
    }
  }
  return null;
}

/** The JS entry of an uncompiled app: the file that listens, else `main`, else a conventional name. */
function jsEntry(ctx: NodeContext): { entry: string; file: string; line?: number; note: string } | null {
  const jsOrBun = ctx.bun ? /\.[cm]?[jt]sx?$/ : /\.[cm]?jsx?$|(^|\/)www$/;
  const listening = listenSource(ctx, jsOrBun);
  if (listening) {
    const site = ctx.listen.find((s) => s.file === joinPath(ctx.dir, listening))!;
    return { entry: listening, file: site.file, line: site.line, note: `${listening} starts the server: ${site.text}` };
  }
  const main = ctx.manifest.main?.replace(/^\.\//, '');
  if (main && ctx.repo.isFile(joinPath(ctx.dir, main)) && jsOrBun.test(main)) {
    return { entry: main, file: ctx.manifest.file, line: manifestLine(ctx.manifest, 'main'), note: `"main": "${main}"` };
  }
  const module = ctx.bun ? ctx.manifest.module?.replace(/^\.\//, '') : undefined;
  if (module && ctx.repo.isFile(joinPath(ctx.dir, module))) {
    return { entry: module, file: ctx.manifest.file, line: manifestLine(ctx.manifest, 'module'), note: `"module": "${module}"` };
  }
  const candidates = ctx.bun ? ['src/index.ts', 'index.ts', 'src/server.ts', 'server.ts', ...JS_CANDIDATES] : JS_CANDIDATES;
  for (const c of candidates) {
    const file = joinPath(ctx.dir, c);
    if (ctx.repo.isFile(file)) return { entry: c, file, note: `conventional entry file ${c}` };
  }
  return null;
}
