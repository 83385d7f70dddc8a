/**
 * Grafana dashboard rules (DSQ-GF-…) and the schema of the dashboard model devsquad checks: the
 * fields Grafana needs to load and lay out a dashboard (title, uid, panels with gridPos, targets and
 * a data source, templating). Unknown fields pass: Grafana's model is large and version-dependent.
 * docs/rules/grafana.md documents every rule.
 */
import { z } from 'zod';
import type { RuleInfo } from './types.js';

export const GF_RULES = {
  parse: { id: 'DSQ-GF-0000', title: 'JSON syntax', severity: 'high', recommendation: 'Fix the JSON syntax at the reported line (strict JSON: no comments, no trailing commas); Grafana refuses the file otherwise.' },
  schema: { id: 'DSQ-GF-0001', title: 'Dashboard model', severity: 'high', recommendation: 'Give the dashboard a title and a uid (1-40 of a-z A-Z 0-9 _ -), and every panel an id, a type, a gridPos {x, y, w, h} within the 24-column grid, and queries with a refId.' },
  promql: { id: 'DSQ-GF-0002', title: 'PromQL syntax', severity: 'high', recommendation: 'Fix the query; paste it (with the variables filled in) into the Prometheus expression browser to see the parser\'s message.' },
  duplicateId: { id: 'DSQ-GF-0003', title: 'Duplicate panel id', severity: 'medium', recommendation: 'Give every panel (rows and panels inside rows included) its own id; Grafana links, repeats and alerts address panels by id.' },
  overlap: { id: 'DSQ-GF-0004', title: 'Overlapping panels', severity: 'low', recommendation: 'Move or resize the panels so their gridPos rectangles do not intersect; Grafana shifts them around on load otherwise.' },
  undefinedVariable: { id: 'DSQ-GF-0005', title: 'Undefined template variable', severity: 'medium', recommendation: 'Define the variable under templating.list or fix its name; an undefined $variable is sent to Prometheus literally.' },
  hardcodedDatasource: { id: 'DSQ-GF-0006', title: 'Hard-coded data source', severity: 'low', recommendation: 'Point panels and queries at a data source variable (`"uid": "${datasource}"`) so the dashboard works on any Grafana whatever its data source uid.' },
  rateInterval: { id: 'DSQ-GF-0007', title: 'rate() over $__interval', severity: 'low', recommendation: 'Use [$__rate_interval]: it is at least four scrape intervals, so rate() never sees fewer than two samples and lines do not break up when zoomed in.' },
} as const satisfies Record<string, RuleInfo>;

export const GF_RULE_LIST: readonly RuleInfo[] = Object.values(GF_RULES);

const DatasourceRef = z.object({ type: z.string().optional(), uid: z.string().optional() }).loose();

const GridPos = z.object({
  x: z.number().int().min(0).max(23),
  y: z.number().int().min(0),
  w: z.number().int().min(1).max(24),
  h: z.number().int().min(1),
}).refine((g) => g.x + g.w <= 24, { message: 'x + w must be at most 24 (the grid is 24 columns wide)' });

const Target = z.object({ refId: z.string().min(1), datasource: DatasourceRef.nullable().optional(), expr: z.string().optional() }).loose();

/** Panel types that show no query results and so need no targets. */
export const QUERYLESS_PANELS = new Set(['row', 'text', 'news', 'dashlist', 'annolist', 'welcome', 'gettingstarted', 'alertlist']);

const BasePanel = z.object({
  id: z.number().int().min(1),
  type: z.string().min(1),
  title: z.string(),
  gridPos: GridPos,
  datasource: DatasourceRef.nullable().optional(),
  targets: z.array(Target).optional(),
}).loose();

const Panel = BasePanel.extend({ panels: z.array(BasePanel).optional() }).superRefine((panel, ctx) => {
  if (QUERYLESS_PANELS.has(panel.type)) return;
  if ((panel.targets ?? []).length === 0) ctx.addIssue({ code: 'custom', path: ['targets'], message: `a ${panel.type} panel needs at least one query in targets` });
});

const Variable = z.object({
  name: z.string().regex(/^\w+$/, 'variable names are letters, digits and _'),
  type: z.enum(['query', 'datasource', 'custom', 'constant', 'interval', 'textbox', 'adhoc', 'groupby', 'switch']),
}).loose();

export const DashboardModel = z.object({
  title: z.string().min(1),
  uid: z.string().regex(/^[a-zA-Z0-9_-]{1,40}$/, 'uid must be 1-40 characters of a-z A-Z 0-9 _ -'),
  schemaVersion: z.number().int().optional(),
  panels: z.array(Panel),
  templating: z.object({ list: z.array(Variable) }).loose().optional(),
}).loose();
export type DashboardModel = z.infer<typeof DashboardModel>;
