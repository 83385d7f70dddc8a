/**
 * Alertmanager configuration: YAML parsed with `yaml`, then the checks `amtool check-config` makes
 * that matter most (every receiver a route names exists, names are unique, matchers and durations
 * parse, inhibit rules have both sides), plus devsquad's conventions: credentials come from files
 * (`*_file` fields), never inline; every receiver is reachable; the root route groups alerts.
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node, type YAMLMap } from 'yaml';
import { LABEL_NAME, isPromDuration } from './promql-parse.js';
import type { Diagnostic, RuleInfo, Validator, ValidatorInput } from './types.js';

export const AM_RULES = {
  structure: { id: 'DSQ-AM-0000', title: 'YAML syntax or configuration structure', severity: 'high', recommendation: 'Fix the YAML: the file needs a `route` with a `receiver` and a `receivers` list (see https://prometheus.io/docs/alerting/latest/configuration/).' },
  unknownReceiver: { id: 'DSQ-AM-0001', title: 'Route names a receiver that does not exist', severity: 'high', recommendation: 'Add the receiver to `receivers:` or correct the name in the route; Alertmanager refuses to start otherwise.' },
  duplicateReceiver: { id: 'DSQ-AM-0002', title: 'Duplicate receiver name', severity: 'high', recommendation: 'Give each receiver its own name.' },
  matcher: { id: 'DSQ-AM-0003', title: 'Invalid matcher', severity: 'high', recommendation: 'Write matchers as `label="value"`, `label!="value"`, `label=~"regex"` or `label!~"regex"`, one per list item.' },
  inhibit: { id: 'DSQ-AM-0004', title: 'Malformed inhibit rule', severity: 'high', recommendation: 'An inhibit rule needs `source_matchers`, `target_matchers` and usually `equal` (label names both alerts share, such as `[service]`); without `equal` one source alert mutes every matching target everywhere.' },
  duration: { id: 'DSQ-AM-0005', title: 'Invalid duration', severity: 'high', recommendation: 'Write durations as an integer with a unit, largest first: `30s`, `5m`, `4h`, `1d`.' },
  inlineSecret: { id: 'DSQ-AM-0006', title: 'Credential written inline', severity: 'high', recommendation: 'Use the matching `*_file` field (`api_url_file`, `routing_key_file`, `api_key_file`, `auth_password_file`…) pointing at a mounted secret, so the key never sits in Git or in the config map.' },
  unusedReceiver: { id: 'DSQ-AM-0007', title: 'Receiver not used by any route', severity: 'low', recommendation: 'Route some alerts to it or remove it: an unused receiver usually means a typo in a route.' },
  groupBy: { id: 'DSQ-AM-0008', title: 'Root route does not group alerts', severity: 'low', recommendation: 'Set `group_by: [alertname, service]` on the root route: without it every alert lands in one notification group.' },
  deprecated: { id: 'DSQ-AM-0009', title: 'Deprecated match / match_re', severity: 'info', recommendation: 'Use `matchers:` (and `source_matchers:` / `target_matchers:` in inhibit rules) instead of `match`/`match_re`, deprecated since Alertmanager 0.22.' },
} as const satisfies Record<string, RuleInfo>;

const TOP_KEYS = new Set(['global', 'route', 'receivers', 'inhibit_rules', 'templates', 'time_intervals', 'mute_time_intervals']);
const DURATIONS = ['group_wait', 'group_interval', 'repeat_interval'];
/** Fields that hold a credential and have a `_file` twin. */
const SECRET_FIELDS = new Set([
  'api_url', 'slack_api_url', 'routing_key', 'service_key', 'api_key', 'opsgenie_api_key', 'victorops_api_key', 'auth_password', 'smtp_auth_password',
  'bot_token', 'token', 'user_key', 'password', 'credentials', 'webhook_url', 'auth_secret', 'wechat_api_secret',
]);
const MATCHER = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*("(?:[^"\\]|\\.)*"|[^"\s{},=!~]*)\s*$/;

interface Ctx {
  lines: LineCounter;
  file: string;
  out: Diagnostic[];
}

function report(ctx: Ctx, rule: RuleInfo, message: string, node?: Node | null): void {
  const pos = node?.range ? ctx.lines.linePos(node.range[0]) : undefined;
  ctx.out.push({ ruleId: rule.id, severity: rule.severity, message, file: ctx.file, ...(pos ? { line: pos.line, column: pos.col } : {}), recommendation: rule.recommendation });
}

function child(map: YAMLMap, key: string): Node | null {
  return (map.get(key, true) as Node | undefined) ?? null;
}

export function isValidMatcher(text: string): boolean {
  const m = MATCHER.exec(text);
  if (!m) return false;
  if (m[2] === '=~' || m[2] === '!~') {
    const raw = m[3] ?? '';
    const value = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
    try {
      new RegExp(`^(?:${value})$`);
    } catch {
      return false;
    }
  }
  return true;
}

function checkMatchers(ctx: Ctx, map: YAMLMap, key: string, where: string): void {
  const list = child(map, key);
  if (list === null) return;
  if (!isSeq(list)) return report(ctx, AM_RULES.matcher, `${where}: ${key} must be a list of matcher strings`, list);
  for (const item of list.items) {
    const text = isScalar(item) ? String(item.value) : '';
    if (!isValidMatcher(text)) report(ctx, AM_RULES.matcher, `${where}: "${text}" is not a matcher`, item as Node);
  }
}

/** Inline credentials anywhere under `node` (global, receivers). */
function checkSecrets(ctx: Ctx, node: unknown, where: string): void {
  if (isSeq(node)) for (const item of node.items) checkSecrets(ctx, item, where);
  if (!isMap(node)) return;
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (SECRET_FIELDS.has(key) && isScalar(pair.value) && String(pair.value.value ?? '').trim() !== '') {
      report(ctx, AM_RULES.inlineSecret, `${where}: ${key} is written inline; use ${key}_file`, pair.key as Node);
    } else checkSecrets(ctx, pair.value, where);
  }
}

function walkRoute(ctx: Ctx, route: Node, receivers: ReadonlySet<string>, used: Set<string>, root: boolean, where: string): void {
  if (!isMap(route)) return report(ctx, AM_RULES.structure, `${where} must be a map`, route);
  const receiver = route.get('receiver');
  if (receiver !== undefined) {
    const name = String(receiver);
    used.add(name);
    if (!receivers.has(name)) report(ctx, AM_RULES.unknownReceiver, `${where}: receiver "${name}" is not defined`, child(route, 'receiver'));
  } else if (root) report(ctx, AM_RULES.structure, 'the root route needs a receiver (the default for alerts no child route takes)', route);
  if (root && (route.has('matchers') || route.has('match') || route.has('match_re'))) report(ctx, AM_RULES.structure, 'the root route must not have matchers: it receives every alert', route);
  checkMatchers(ctx, route, 'matchers', where);
  for (const key of ['match', 'match_re']) if (route.has(key)) report(ctx, AM_RULES.deprecated, `${where}: ${key} is deprecated`, child(route, key));
  for (const key of DURATIONS) {
    const value = route.get(key);
    if (value !== undefined && !isPromDuration(value)) report(ctx, AM_RULES.duration, `${where}: ${key} "${String(value)}" is not a duration`, child(route, key));
  }
  const groupBy = child(route, 'group_by');
  if (groupBy !== null && !isSeq(groupBy)) report(ctx, AM_RULES.structure, `${where}: group_by must be a list of label names`, groupBy);
  if (root && groupBy === null) report(ctx, AM_RULES.groupBy, 'the root route has no group_by', route);
  const routes = child(route, 'routes');
  if (routes === null) return;
  if (!isSeq(routes)) return report(ctx, AM_RULES.structure, `${where}: routes must be a list`, routes);
  for (const [i, sub] of routes.items.entries()) walkRoute(ctx, sub as Node, receivers, used, false, `${where} > route ${i + 1}`);
}

function checkInhibit(ctx: Ctx, rules: Node): void {
  if (!isSeq(rules)) return report(ctx, AM_RULES.inhibit, 'inhibit_rules must be a list', rules);
  for (const [i, rule] of rules.items.entries()) {
    const where = `inhibit rule ${i + 1}`;
    if (!isMap(rule)) {
      report(ctx, AM_RULES.inhibit, `${where} must be a map`, rule as Node);
      continue;
    }
    for (const side of ['source', 'target']) {
      if (!rule.has(`${side}_matchers`) && !rule.has(`${side}_match`) && !rule.has(`${side}_match_re`)) report(ctx, AM_RULES.inhibit, `${where} has no ${side}_matchers`, rule);
      checkMatchers(ctx, rule, `${side}_matchers`, where);
      for (const key of [`${side}_match`, `${side}_match_re`]) if (rule.has(key)) report(ctx, AM_RULES.deprecated, `${where}: ${key} is deprecated`, child(rule, key));
    }
    const equal = child(rule, 'equal');
    if (equal === null) report(ctx, AM_RULES.inhibit, `${where} has no "equal" labels: a source alert anywhere mutes every target`, rule);
    else if (!isSeq(equal) || equal.items.some((l) => !isScalar(l) || !LABEL_NAME.test(String(l.value)))) report(ctx, AM_RULES.inhibit, `${where}: equal must be a list of label names`, equal);
  }
}

export function validateAlertmanager(file: ValidatorInput): Diagnostic[] {
  const lines = new LineCounter();
  const ctx: Ctx = { lines, file: file.path, out: [] };
  const doc = parseDocument(file.content, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  for (const error of doc.errors) {
    const pos = lines.linePos(error.pos[0]);
    ctx.out.push({ ruleId: AM_RULES.structure.id, severity: 'high', message: `YAML: ${error.message.split('\n')[0]}`, file: file.path, line: pos.line, column: pos.col, recommendation: AM_RULES.structure.recommendation });
  }
  if (doc.errors.length > 0) return ctx.out;
  const root = doc.contents;
  if (!isMap(root)) return (report(ctx, AM_RULES.structure, 'the configuration must be a map with route and receivers', root), ctx.out);
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!TOP_KEYS.has(key)) report(ctx, AM_RULES.structure, `top-level field "${key}" is not allowed`, pair.key as Node);
  }
  const receivers = new Set<string>();
  const receiverList = child(root, 'receivers');
  if (receiverList === null || !isSeq(receiverList)) report(ctx, AM_RULES.structure, 'receivers must be a list', receiverList ?? root);
  else {
    for (const item of receiverList.items) {
      const name = isMap(item) ? item.get('name') : undefined;
      if (typeof name !== 'string' || name === '') {
        report(ctx, AM_RULES.structure, 'every receiver needs a name', item as Node);
        continue;
      }
      if (receivers.has(name)) report(ctx, AM_RULES.duplicateReceiver, `receiver "${name}" is defined twice`, isMap(item) ? child(item, 'name') : null);
      receivers.add(name);
      checkSecrets(ctx, item, `receiver ${name}`);
    }
  }
  checkSecrets(ctx, root.get('global', true), 'global');
  const used = new Set<string>();
  const route = child(root, 'route');
  if (route === null) report(ctx, AM_RULES.structure, 'the configuration has no route', root);
  else walkRoute(ctx, route, receivers, used, true, 'route');
  const inhibit = child(root, 'inhibit_rules');
  if (inhibit !== null) checkInhibit(ctx, inhibit);
  if (isSeq(receiverList)) {
    for (const item of receiverList.items) {
      const name = isMap(item) ? item.get('name') : undefined;
      if (typeof name === 'string' && route !== null && !used.has(name)) report(ctx, AM_RULES.unusedReceiver, `receiver "${name}" is not used by any route`, isMap(item) ? child(item, 'name') : null);
    }
  }
  return ctx.out;
}

export const alertmanagerValidator: Validator = {
  kind: 'alertmanager',
  displayName: 'Alertmanager',
  matches: (path) => /(^|\/)alertmanager\.ya?ml$/.test(path) || /(^|\/)alertmanager\/[^/]+\.ya?ml$/.test(path),
  validate: validateAlertmanager,
};
