/**
 * Ansible validator: YAML parse, then structure by file role. Playbooks (top-level .yml files that
 * are lists of plays) need hosts and work per play; task files (tasks/ and handlers/ of a role) and play
 * task sections need a name and exactly one module per task, named by FQCN, with no_log where
 * secrets pass. Every YAML file is checked for literal secrets. Rules: ansible-rules.ts.
 */
import type { Document, Node, Pair } from 'yaml';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { AnsibleRule } from './ansible-rules.js';
import { ANSIBLE_RULES, BLOCK_KEYS, NOT_SECRET_KEYS, PLAY_TASK_SECTIONS, SECRET_KEY, SECRET_VARIABLE, TASK_KEYWORDS } from './ansible-rules.js';
import type { Diagnostic, Validator, ValidatorInput } from './types.js';

interface Ctx {
  file: string;
  counter: LineCounter;
  out: Diagnostic[];
}

function lineOf(ctx: Ctx, node: unknown): number | undefined {
  const range = (node as Node | null)?.range;
  return range ? ctx.counter.linePos(range[0]).line : undefined;
}

function report(ctx: Ctx, rule: AnsibleRule, message: string, node: unknown): void {
  const line = lineOf(ctx, node);
  ctx.out.push({ ruleId: rule.id, severity: rule.severity, message, file: ctx.file, ...(line === undefined ? {} : { line }), recommendation: rule.recommendation });
}

function keyOf(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : '';
}

function strings(node: unknown, out: string[] = []): string[] {
  if (isScalar(node)) {
    if (typeof node.value === 'string') out.push(node.value);
  } else if (isMap(node)) {
    for (const pair of node.items) strings(pair.value, out);
  } else if (isSeq(node)) {
    for (const item of node.items) strings(item, out);
  }
  return out;
}

function isModuleKey(key: string): boolean {
  return !TASK_KEYWORDS.has(key) && !key.startsWith('with_') && !(BLOCK_KEYS as readonly string[]).includes(key);
}

function checkTask(ctx: Ctx, node: unknown): void {
  if (!isMap(node)) return;
  const keys = node.items.map(keyOf);
  const named = keys.includes('name');
  if ((BLOCK_KEYS as readonly string[]).some((k) => keys.includes(k))) {
    for (const pair of node.items) if ((BLOCK_KEYS as readonly string[]).includes(keyOf(pair))) checkTasks(ctx, pair.value);
    return;
  }
  const label = named ? `task "${String(node.get('name'))}"` : 'a task';
  if (!named) report(ctx, ANSIBLE_RULES.name, 'Task has no name', node);
  const modules = node.items.filter((p) => isModuleKey(keyOf(p)));
  if (modules.length !== 1) {
    const found = modules.map(keyOf);
    report(ctx, ANSIBLE_RULES.module, `${label} has ${found.length === 0 ? 'no module' : `${found.length} modules (${found.join(', ')})`}`, node);
  }
  for (const pair of modules) {
    const key = keyOf(pair);
    if (key === 'action' || key === 'local_action') continue;
    if (key.split('.').length < 3) report(ctx, ANSIBLE_RULES.fqcn, `${label} uses the short module name "${key}"`, pair.key);
  }
  const noLog = node.get('no_log');
  const hidden = noLog === true || (typeof noLog === 'string' && /^\s*(true|yes)\s*$/i.test(noLog));
  const touchesSecret = modules.some((p) => strings(p.value).some((s) => SECRET_VARIABLE.test(s)));
  if (touchesSecret && !hidden) report(ctx, ANSIBLE_RULES.noLog, `${label} passes a secret variable without no_log: true`, node);
}

function checkTasks(ctx: Ctx, node: unknown): void {
  if (isSeq(node)) for (const item of node.items) checkTask(ctx, item);
}

const PLAY_IMPORTS = new Set(['import_playbook', 'ansible.builtin.import_playbook']);

function checkPlays(ctx: Ctx, node: unknown): void {
  if (!isSeq(node)) return;
  for (const play of node.items) {
    if (!isMap(play)) continue;
    const keys = play.items.map(keyOf);
    if (keys.some((k) => PLAY_IMPORTS.has(k))) continue;
    const name = play.get('name');
    const label = typeof name === 'string' ? `Play "${name}"` : 'A play';
    if (!keys.includes('hosts')) report(ctx, ANSIBLE_RULES.play, `${label} has no hosts`, play);
    if (![...PLAY_TASK_SECTIONS, 'roles'].some((k) => keys.includes(k))) report(ctx, ANSIBLE_RULES.play, `${label} has no tasks or roles`, play);
    for (const section of PLAY_TASK_SECTIONS) checkTasks(ctx, play.get(section, true));
  }
}

function checkSecrets(ctx: Ctx, node: unknown): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = keyOf(pair);
      const value = pair.value;
      if (SECRET_KEY.test(key) && !NOT_SECRET_KEYS.has(key) && isScalar(value) && value.tag !== '!vault' && typeof value.value === 'string') {
        const text = value.value.trim();
        if (text !== '' && !text.includes('{{') && !text.startsWith('$ANSIBLE_VAULT')) report(ctx, ANSIBLE_RULES.password, `"${key}" holds a literal value`, pair.key);
      }
      checkSecrets(ctx, value);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) checkSecrets(ctx, item);
  }
}

type Role = 'playbook' | 'tasks' | 'vars';

/** What a YAML file is, from its path and shape. */
function roleOf(path: string, doc: Document): Role {
  if (/(^|\/)(tasks|handlers)\/[^/]+\.ya?ml$/.test(path)) return 'tasks';
  if (/(^|\/)(group_vars|host_vars|vars|defaults|meta|inventories|inventory)\//.test(path)) return 'vars';
  const contents = doc.contents;
  if (isSeq(contents) && contents.items.some((p) => isMap(p) && p.items.some((i) => ['hosts', ...PLAY_IMPORTS].includes(keyOf(i))))) return 'playbook';
  return isSeq(contents) && contents.items.length > 0 && contents.items.every((p) => isMap(p)) && !/requirements\.ya?ml$/.test(path) ? 'playbook' : 'vars';
}

export function validateAnsible(file: ValidatorInput): Diagnostic[] {
  // An encrypted vault file is not YAML we can read.
  if (file.content.trimStart().startsWith('$ANSIBLE_VAULT')) return [];
  const ctx: Ctx = { file: file.path, counter: new LineCounter(), out: [] };
  const doc = parseDocument(file.content, { lineCounter: ctx.counter, version: '1.1', customTags: [{ tag: '!vault', resolve: (s: string) => s }, { tag: '!unsafe', resolve: (s: string) => s }] });
  if (doc.errors.length > 0) {
    for (const error of doc.errors.slice(0, 3)) {
      const line = error.linePos?.[0]?.line;
      ctx.out.push({ ruleId: ANSIBLE_RULES.parse.id, severity: ANSIBLE_RULES.parse.severity, message: error.message.split('\n')[0] ?? error.message, file: file.path, ...(line === undefined ? {} : { line }), recommendation: ANSIBLE_RULES.parse.recommendation });
    }
    return ctx.out;
  }
  const role = roleOf(file.path, doc);
  if (role === 'playbook') checkPlays(ctx, doc.contents);
  else if (role === 'tasks') checkTasks(ctx, doc.contents);
  checkSecrets(ctx, doc.contents);
  return ctx.out;
}

export const ansibleValidator: Validator = {
  kind: 'ansible',
  displayName: 'Ansible',
  // Only YAML under an ansible/ directory: playbooks elsewhere look like any other YAML list.
  matches: (path) => /(^|\/)ansible\/(.+\/)?[^/]+\.ya?ml$/.test(path) && !/(^|\/)compose\.ya?ml$/.test(path),
  validate: validateAnsible,
};
