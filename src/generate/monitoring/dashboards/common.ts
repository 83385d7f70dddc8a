/**
 * What every generated dashboard shares: the `${datasource}` variable (so the same JSON works on any
 * Grafana whatever its Prometheus data source is called), stable uids derived from names, panel
 * helpers over the foundation SDK's builders, and a serialiser with sorted keys so the same plan
 * always gives the same bytes.
 */
import { createHash } from 'node:crypto';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import { ReduceDataOptionsBuilder } from '@grafana/grafana-foundation-sdk/common';
import type { DataSourceRef } from '@grafana/grafana-foundation-sdk/common';

/** Name of the data source template variable every panel and query points at. */
export const DATASOURCE_VARIABLE = 'datasource';
export const DATASOURCE: DataSourceRef = { type: 'prometheus', uid: `\${${DATASOURCE_VARIABLE}}` };
/** The uid the provisioned Prometheus data source gets, and the variable's default. */
export const PROVISIONED_DATASOURCE_UID = 'prometheus';
/** Where the generated dashboards are written. */
export const DASHBOARDS_DIR = 'monitoring/grafana/dashboards';

/**
 * A Grafana uid (at most 40 characters of [a-zA-Z0-9_-]) derived from a name: readable prefix plus
 * a short hash of the full name, so long names stay unique and the uid never changes between runs.
 */
export function stableUid(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${slug.slice(0, 31).replace(/-$/, '')}-${hash}`;
}

export function datasourceVariable(): dashboard.DatasourceVariableBuilder {
  return new dashboard.DatasourceVariableBuilder(DATASOURCE_VARIABLE)
    .label('Data source')
    .type('prometheus')
    .current({ selected: true, text: 'Prometheus', value: PROVISIONED_DATASOURCE_UID });
}

/** A `label_values(metric, label)` variable defaulting to `current` (the service the dashboard is for). */
export function labelVariable(name: string, label: string, metric: string, current: string | null): dashboard.QueryVariableBuilder {
  const query = `label_values(${metric}, ${label})`;
  const variable = new dashboard.QueryVariableBuilder(name)
    .label(name.charAt(0).toUpperCase() + name.slice(1))
    .datasource(DATASOURCE)
    .query({ qryType: 1, query, refId: 'PrometheusVariableQueryEditor-VariableQuery' })
    .definition(query)
    .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
    .sort(dashboard.VariableSort.AlphabeticalAsc);
  return current === null ? variable : variable.current({ selected: true, text: current, value: current });
}

export interface Query {
  expr: string;
  legend: string;
}

function targets(queries: readonly Query[]): DataqueryBuilder[] {
  return queries.map((q, i) =>
    new DataqueryBuilder().refId(String.fromCharCode(65 + i)).datasource(DATASOURCE).expr(q.expr).legendFormat(q.legend).range(),
  );
}

export interface PanelSpec {
  title: string;
  description: string;
  unit: string;
  queries: readonly Query[];
  /** Grid width (of 24) and height; defaults 12 × 8. */
  width?: number;
  height?: number;
  min?: number;
  max?: number;
  /** Threshold steps above the base colour, e.g. [[0.01, 'orange'], [0.05, 'red']]. */
  thresholds?: ReadonlyArray<[number, string]>;
}

function thresholds(steps: ReadonlyArray<[number, string]> | undefined, base = 'green'): dashboard.ThresholdsConfigBuilder {
  return new dashboard.ThresholdsConfigBuilder()
    .mode(dashboard.ThresholdsMode.Absolute)
    .steps([{ value: null, color: base }, ...(steps ?? []).map(([value, color]) => ({ value, color }))]);
}

export function timeseriesPanel(spec: PanelSpec): timeseries.PanelBuilder {
  const panel = new timeseries.PanelBuilder()
    .title(spec.title)
    .description(spec.description)
    .datasource(DATASOURCE)
    .unit(spec.unit)
    .span(spec.width ?? 12)
    .height(spec.height ?? 8)
    .lineWidth(1)
    .fillOpacity(10)
    .thresholds(thresholds(spec.thresholds))
    .targets(targets(spec.queries));
  if (spec.min !== undefined) panel.min(spec.min);
  if (spec.max !== undefined) panel.max(spec.max);
  return panel;
}

export function statPanel(spec: PanelSpec, base = 'green'): stat.PanelBuilder {
  const panel = new stat.PanelBuilder()
    .title(spec.title)
    .description(spec.description)
    .datasource(DATASOURCE)
    .unit(spec.unit)
    .span(spec.width ?? 6)
    .height(spec.height ?? 4)
    .reduceOptions(new ReduceDataOptionsBuilder().calcs(['lastNotNull']))
    .thresholds(thresholds(spec.thresholds, base))
    .targets(targets(spec.queries));
  if (spec.min !== undefined) panel.min(spec.min);
  if (spec.max !== undefined) panel.max(spec.max);
  return panel;
}

export function row(title: string): dashboard.RowBuilder {
  return new dashboard.RowBuilder(title);
}

/** A dashboard with the house defaults: uid from its name, tags, last 6 hours, 30 s refresh, read-write. */
export function dashboardBuilder(title: string, uidName: string, tags: readonly string[], description: string): dashboard.DashboardBuilder {
  return new dashboard.DashboardBuilder(title)
    .uid(stableUid(uidName))
    .description(description)
    .tags(['devsquad', ...tags])
    .time({ from: 'now-6h', to: 'now' })
    .refresh('30s')
    .timezone('browser')
    .editable()
    .tooltip(dashboard.DashboardCursorSync.Crosshair)
    .withVariable(datasourceVariable());
}

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

function sortKeys(value: unknown): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, JsonValue> = {};
    for (const key of Object.keys(value).sort()) {
      const child = (value as Record<string, unknown>)[key];
      if (child !== undefined && typeof child !== 'function') out[key] = sortKeys(child);
    }
    return out;
  }
  return value as JsonValue;
}

/**
 * The dashboard as JSON: panel ids numbered 1…n in layout order (the builder leaves rows at 0 and
 * panels without an id), keys sorted so diffs between runs are only real changes.
 */
export function serialise(model: dashboard.Dashboard): string {
  let id = 0;
  for (const panel of model.panels ?? []) {
    panel.id = ++id;
    if (panel.type === 'row') for (const inner of (panel as dashboard.RowPanel).panels) inner.id = ++id;
  }
  return `${JSON.stringify(sortKeys(model), null, 2)}\n`;
}
