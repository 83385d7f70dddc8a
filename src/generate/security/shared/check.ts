/**
 * Parse checks for every file the hardening parts write, used by their tests: code through
 * src/validate/source-code.ts (TypeScript compiler, ast-grep for Python and Go) plus a full
 * transpileModule pass for TypeScript; nginx and Caddy configs structurally (balanced braces, only the
 * directives devsquad emits, statements terminated); JSON by parsing it; Markdown by its fences.
 */
import { typescript } from '../../../core/typescript.js';
import YAML from 'yaml';
import { checkSource } from '../../../validate/source-code.js';
import type { GeneratedFile } from '../../types.js';

const NGINX_DIRECTIVES = new Set(['error_page', 'return', 'map', 'add_header', 'server_tokens', 'limit_req_zone', 'limit_req', 'limit_req_status', 'limit_req_log_level', 'location', 'proxy_pass', 'more_set_headers', 'default', "''"]);
const CADDY_DIRECTIVES = new Set(['header', 'rate_limit', 'zone', 'key', 'events', 'window', 'match', 'path', 'import', 'order', 'respond', 'handle', '@auth', 'route', 'reverse_proxy', 'jitter', 'sweep_interval']);

function balanced(content: string): string | null {
  let depth = 0;
  for (const line of content.split('\n')) {
    const code = line.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/#.*$/, '');
    for (const ch of code) {
      if (ch === '{') depth++;
      if (ch === '}') depth--;
      if (depth < 0) return 'unbalanced }';
    }
  }
  return depth === 0 ? null : 'unclosed {';
}

function checkNginx(content: string): string[] {
  const problems: string[] = [];
  const brace = balanced(content);
  if (brace) problems.push(brace);
  let inMap = false;
  for (const raw of content.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    if (line === '}') { inMap = false; continue; }
    const word = line.split(/\s+/)[0]!;
    if (inMap) {
      if (!line.endsWith(';')) problems.push(`map entry not terminated: ${line}`);
      continue;
    }
    if (!NGINX_DIRECTIVES.has(word)) problems.push(`unknown nginx directive: ${word}`);
    if (line.endsWith('{')) { inMap = word === 'map'; continue; }
    if (!line.endsWith(';')) problems.push(`statement not terminated: ${line}`);
  }
  return problems;
}

function checkCaddy(content: string): string[] {
  const problems: string[] = [];
  const brace = balanced(content);
  if (brace) problems.push(brace);
  let inHeader = false;
  for (const raw of content.split('\n')) {
    const line = raw.replace(/^\s*#.*$/, '').trim();
    if (!line || line === '}') { if (line === '}') inHeader = false; continue; }
    if (/^\([a-z_]+\) \{$/.test(line)) continue;
    const word = line.split(/\s+/)[0]!;
    if (inHeader) {
      if (!/^[?+-]?[A-Za-z-]+( ".*")?$/.test(line)) problems.push(`bad header line: ${line}`);
      continue;
    }
    if (!CADDY_DIRECTIVES.has(word) && !word.startsWith('@')) problems.push(`unknown Caddy directive: ${word}`);
    if (word === 'header' && line.endsWith('{')) inHeader = true;
  }
  return problems;
}

function checkTsTranspile(file: GeneratedFile): string[] {
  const ts = typescript();
  const out = ts.transpileModule(file.content, { fileName: file.path, reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } });
  return (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

/** Problems with one generated file; empty when it parses. */
export function checkGenerated(file: GeneratedFile): string[] {
  const problems: string[] = [];
  if (file.kind === 'source') {
    problems.push(...checkSource(file.path, file.content).map((d) => `${d.line}:${d.column} ${d.message}`));
    if (/\.(ts|cjs|mjs|js)$/.test(file.path)) problems.push(...checkTsTranspile(file));
    if (!/\.(ts|cjs|mjs|js|py|go)$/.test(file.path)) problems.push('unknown source extension');
  } else if (file.kind === 'json') {
    try { JSON.parse(file.content); } catch (e) { problems.push(String(e)); }
  } else if (file.kind === 'yaml') {
    for (const doc of YAML.parseAllDocuments(file.content)) problems.push(...doc.errors.map((e) => e.message));
  } else if (file.kind === 'markdown') {
    if ((file.content.match(/^```/gm) ?? []).length % 2 !== 0) problems.push('unclosed code fence');
  } else if (file.path.endsWith('.conf')) {
    problems.push(...checkNginx(file.content));
  } else if (file.path.endsWith('.caddy')) {
    problems.push(...checkCaddy(file.content));
  }
  return problems.map((p) => `${file.path}: ${p}`);
}
