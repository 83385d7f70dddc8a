/**
 * Grafana provisioning: a file provider that loads the generated dashboards into one folder, and the
 * Prometheus data source with the uid the dashboards' `${datasource}` variable defaults to. Grafana
 * expands `$VAR` in provisioning files, so the Prometheus address comes from the environment.
 */
import { stringify } from 'yaml';
import { headerComment } from '../../types.js';
import { PROVISIONED_DATASOURCE_UID } from './common.js';

/** Where the dashboards JSON is mounted inside the Grafana container (see docs/monitoring/dashboards.md). */
export const CONTAINER_DASHBOARDS_PATH = '/var/lib/grafana/dashboards/devsquad';

function yamlFile(project: string, model: unknown): string {
  return `${headerComment('#', `the ${project} plan (devsquad observe --only dashboards)`)}\n${stringify(model, { lineWidth: 0 })}`;
}

export function dashboardProvider(project: string, folder: string): string {
  return yamlFile(project, {
    apiVersion: 1,
    providers: [{
      name: 'devsquad',
      orgId: 1,
      folder,
      type: 'file',
      disableDeletion: false,
      allowUiUpdates: true,
      updateIntervalSeconds: 60,
      options: { path: CONTAINER_DASHBOARDS_PATH, foldersFromFilesStructure: false },
    }],
  });
}

export function prometheusDatasource(project: string): string {
  return yamlFile(project, {
    apiVersion: 1,
    datasources: [{
      name: 'Prometheus',
      type: 'prometheus',
      uid: PROVISIONED_DATASOURCE_UID,
      access: 'proxy',
      // Grafana substitutes environment variables in provisioning files.
      url: '${PROMETHEUS_URL}',
      isDefault: true,
      editable: false,
      jsonData: { httpMethod: 'POST', timeInterval: '15s' },
    }],
  });
}
