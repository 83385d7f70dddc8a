/**
 * The Grafana Alloy config that ships container logs to Loki (Promtail, its predecessor, is end of
 * life). Alloy discovers the Docker containers, labels each stream with the Compose service (the
 * metric contract's `service` label, so logs and metrics join on it), parses JSON log lines for the
 * level and trace id, and pushes to LOKI_URL. Alloy's syntax is text, so this is a small template.
 */
import { headerComment } from '../../types.js';
import { SERVICE_LABEL } from '../shared/metrics.js';

/** Component names this config uses; the validator knows these (and more). */
export const ALLOY_COMPONENTS = ['discovery.docker', 'discovery.relabel', 'loki.source.docker', 'loki.process', 'loki.write'] as const;

export function alloyConfig(projectName: string): string {
  return `${headerComment('//', `the ${projectName} plan (devsquad observe --only otel)`)}
// Environment: LOKI_URL (e.g. http://loki:3100/loki/api/v1/push), LOKI_USERNAME and LOKI_PASSWORD
// when Loki needs basic auth. Mount /var/run/docker.sock read-only into the Alloy container.

discovery.docker "containers" {
  host = "unix:///var/run/docker.sock"
}

// Label streams by Compose project and service; __meta_* labels are dropped after relabelling.
discovery.relabel "containers" {
  targets = []

  rule {
    source_labels = ["__meta_docker_container_label_com_docker_compose_service"]
    target_label  = "${SERVICE_LABEL}"
  }

  rule {
    source_labels = ["__meta_docker_container_label_com_docker_compose_project"]
    target_label  = "project"
  }

  rule {
    source_labels = ["__meta_docker_container_name"]
    regex         = "/(.*)"
    target_label  = "container"
  }
}

loki.source.docker "containers" {
  host          = "unix:///var/run/docker.sock"
  targets       = discovery.docker.containers.targets
  relabel_rules = discovery.relabel.containers.rules
  forward_to    = [loki.process.json.receiver]
}

// JSON logs (pino, structlog, slog, Logback JSON): level becomes a label (few values), the trace id
// structured metadata (too many values for a label) so Grafana links a log line to its trace.
loki.process "json" {
  forward_to = [loki.write.default.receiver]

  stage.json {
    expressions = { level = "level", trace_id = "trace_id" }
  }

  stage.labels {
    values = { level = "" }
  }

  stage.structured_metadata {
    values = { trace_id = "" }
  }
}

loki.write "default" {
  endpoint {
    url = sys.env("LOKI_URL")

    basic_auth {
      username = sys.env("LOKI_USERNAME")
      password = sys.env("LOKI_PASSWORD")
    }
  }

  external_labels = { namespace = "${projectName}" }
}
`;
}
