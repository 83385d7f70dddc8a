/**
 * Streamlit: the script that imports streamlit (streamlit_app.py, app.py, main.py, Home.py, … at the
 * service root, or the one a `streamlit run` command names) is run with `streamlit run <script>` on
 * 0.0.0.0:$PORT. Port 8501 unless .streamlit/config.toml sets [server] port; Streamlit serves its own
 * health endpoint at /_stcore/health.
 */
import { joinPath } from '../../../core/repo/repo-fs.js';
import { lineOf, parsePort } from '../../shared/text.js';
import { valueAt } from '../project.js';
import { baseName, imports, type PySource } from '../source.js';
import { emptyMatch, type FrameworkMatch, type PyContext } from './types.js';

const SCRIPT_NAMES = ['streamlit_app.py', 'app.py', 'main.py', 'Home.py', 'home.py', 'Hello.py', 'dashboard.py', 'Main.py'];

export function detectStreamlit(ctx: PyContext): FrameworkMatch | null {
  if (!ctx.deps.has('streamlit')) return null;
  const script = findScript(ctx);
  if (!script) return null;
  const local = ctx.dir === '' ? script.file : script.file.slice(ctx.dir.length + 1);
  const line = lineOf(script.code, /^\s*(import streamlit|from streamlit)/);
  const fact = { file: script.file, line, note: `${local} imports streamlit` };
  const match = emptyMatch('streamlit', fact, 8501, 'Streamlit serves on 8501 by default');
  match.start = { command: `streamlit run ${local} --server.port $PORT --server.address 0.0.0.0`, fact };
  match.health = { path: '/_stcore/health', fact: { file: script.file, line, note: 'Streamlit serves /_stcore/health' } };
  match.features.push('streamlit');
  match.target = local;
  const config = joinPath(ctx.dir, '.streamlit/config.toml');
  const port = parsePort(valueAt(ctx.repo.isFile(config) ? ctx.repo.readToml(config) : null, ['server', 'port']) as number | undefined);
  if (port !== null) {
    match.defaultPort = port;
    match.defaultPortNote = `[server] port = ${port}`;
    match.codePort = { value: port, envVar: null, host: null, fact: { file: config, line: lineOf(ctx.repo.readText(config) ?? '', /^\s*port\s*=/), note: `[server] port = ${port}` } };
  }
  return match;
}

/** The entry script: a conventional name at the service root (or src/), else the shallowest file importing streamlit outside pages/. */
function findScript(ctx: PyContext): PySource | null {
  const local = (f: string): string => (ctx.dir === '' ? f : f.slice(ctx.dir.length + 1));
  const usesStreamlit = ctx.sources.filter((s) => imports(s, 'streamlit') && !/(^|\/)pages\//.test(local(s.file)));
  for (const name of SCRIPT_NAMES) {
    const hit = usesStreamlit.find((s) => local(s.file) === name || local(s.file) === `src/${name}`);
    if (hit) return hit;
  }
  const rootLevel = usesStreamlit.filter((s) => !local(s.file).includes('/'));
  return rootLevel[0] ?? usesStreamlit.find((s) => !baseName(s.file).startsWith('_')) ?? null;
}
