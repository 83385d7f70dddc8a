/**
 * The chart's templates. Helm templates are text (Go templates), so they are written as text; every
 * value they place comes from values.yaml, which values.ts builds from the kubernetes family's
 * objects. Object names are the service names (as in the plain manifests), so in-cluster URLs such
 * as http://users:3001 in ConfigMaps keep working: install one release per namespace.
 */
import { stringify } from 'yaml';
import type { ProjectPlan } from '../../plan/schema.js';
import { defaultPolicies } from '../kubernetes/generate.js';
import { projectName } from '../kubernetes/names.js';
import type { StrategyTemplates } from './strategy-templates.js';

/** A Go template comment: kept out of the rendered manifests. */
function header(text: string): string {
  return `{{- /* ${text} */ -}}\n`;
}

/** Opens a range over the enabled services with `$ctx` for the helpers; `condition` adds to `$svc.enabled`. */
export function eachService(chart: string, condition = ''): string {
  const test = condition === '' ? '$svc.enabled' : `and $svc.enabled ${condition}`;
  return `{{- range $name, $svc := .Values.services }}
{{- if ${test} }}
{{- $ctx := dict "root" $ "name" $name "svc" $svc }}
---`;
}

export const END_EACH = '{{- end }}\n{{- end }}\n';

export function metadata(chart: string, name = '{{ $name }}'): string {
  return `metadata:
  name: ${name}
  labels:
    {{- include "${chart}.labels" $ctx | nindent 4 }}`;
}

/**
 * A `define` of the labels on an object: the selector labels (from the helper `selector`) plus Helm's
 * recommended labels, the version being the image tag (from the helper `tag`).
 */
export function labelsDefine(chart: string, name: string, selector: string, tag: string): string {
  return `{{- define "${chart}.${name}" -}}
{{ include "${chart}.${selector}" . }}
app.kubernetes.io/component: {{ .svc.component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/version: {{ include "${chart}.${tag}" . | quote }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}`;
}

function helpers(chart: string): string {
  return `{{/*
Selector labels: the same as the plain manifests (deploy/kubernetes/), so Services and
NetworkPolicies select the same pods. Every helper takes (dict "root" $ "name" $name "svc" $svc).
*/}}
{{- define "${chart}.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/part-of: {{ .root.Values.project }}
{{- end }}

{{/* Labels on every object: selector labels plus the Helm recommended ones. */}}
${labelsDefine(chart, 'labels', 'selectorLabels', 'tag')}

{{/* The image tag: the service's own, else the chart-wide image.tag. */}}
{{- define "${chart}.tag" -}}
{{ .svc.image.tag | default .root.Values.image.tag }}
{{- end }}

{{/* <registry>/<project>-<service>:<tag>, the image the CI pipeline pushes. */}}
{{- define "${chart}.image" -}}
{{ printf "%s/%s:%s" .root.Values.image.registry .svc.image.repository (include "${chart}.tag" .) }}
{{- end }}

{{/* Whether the service gets a Service (and may get an Ingress): it serves HTTP on a known port. */}}
{{- define "${chart}.serves" -}}
{{- if and .svc.port (ne .svc.component "worker") }}true{{ end }}
{{- end }}
`;
}

/**
 * The start of a workload's spec, shared by the Deployment and the Argo Rollout: replicas unless the
 * autoscaler owns them, and the selector.
 */
export function workloadSpecHead(chart: string): string {
  return `spec:
  {{- if not $svc.autoscaling.enabled }}
  replicas: {{ $svc.replicas }}
  {{- end }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "${chart}.selectorLabels" $ctx | nindent 6 }}`;
}

/** A Service's one HTTP port, to the pod's named port. */
export const SERVICE_PORTS = `  ports:
    - name: http
      port: {{ $svc.port }}
      targetPort: http
      protocol: TCP`;

/** An autoscaler's bounds and CPU target from the service's values. */
export const CPU_AUTOSCALING = `  minReplicas: {{ $svc.autoscaling.minReplicas }}
  maxReplicas: {{ $svc.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ $svc.autoscaling.targetCPUUtilizationPercentage }}`;

function deployment(chart: string): string {
  return `${eachService(chart)}
apiVersion: apps/v1
kind: Deployment
${metadata(chart)}
${workloadSpecHead(chart)}
  {{- with $svc.strategy }}
  strategy:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  template:
    metadata:
      labels:
        {{- include "${chart}.labels" $ctx | nindent 8 }}
      annotations:
        # Pods restart when the settings change (envFrom is read at start only).
        checksum/config: {{ toJson $svc.config | sha256sum }}
    spec:
      serviceAccountName: {{ $name }}
      automountServiceAccountToken: false
      terminationGracePeriodSeconds: {{ $svc.terminationGracePeriodSeconds }}
      securityContext:
        {{- toYaml $svc.podSecurityContext | nindent 8 }}
      {{- if $.Values.topologySpread.enabled }}
      topologySpreadConstraints:
        {{- range $key := list "topology.kubernetes.io/zone" "kubernetes.io/hostname" }}
        - maxSkew: 1
          topologyKey: {{ $key }}
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              {{- include "${chart}.selectorLabels" $ctx | nindent 14 }}
        {{- end }}
      {{- end }}
      containers:
        - name: {{ $name }}
          image: {{ include "${chart}.image" $ctx | quote }}
          imagePullPolicy: {{ $.Values.image.pullPolicy }}
          {{- if $svc.port }}
          ports:
            - name: http
              containerPort: {{ $svc.port }}
              protocol: TCP
          {{- end }}
          envFrom:
            - configMapRef:
                name: {{ $name }}-config
            {{- if $svc.secrets }}
            - secretRef:
                name: {{ $name }}-secrets
            {{- end }}
          {{- if $svc.port }}
          {{- with $svc.probes }}
          {{- toYaml . | nindent 10 }}
          {{- end }}
          {{- end }}
          resources:
            {{- toYaml $svc.resources | nindent 12 }}
          securityContext:
            {{- toYaml $svc.securityContext | nindent 12 }}
          {{- with $svc.lifecycle }}
          lifecycle:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          {{- with $svc.volumeMounts }}
          volumeMounts:
            {{- toYaml . | nindent 12 }}
          {{- end }}
      {{- with $svc.volumes }}
      volumes:
        {{- toYaml . | nindent 8 }}
      {{- end }}
${END_EACH}`;
}

/** Like eachService, but `$ctx` is defined before the condition (which needs it). */
export function eachServing(chart: string, extra = ''): string {
  return `{{- range $name, $svc := .Values.services }}
{{- $ctx := dict "root" $ "name" $name "svc" $svc }}
{{- if and $svc.enabled (include "${chart}.serves" $ctx)${extra === '' ? '' : ` ${extra}`} }}
---`;
}

function service(chart: string): string {
  return `${eachServing(chart)}
apiVersion: v1
kind: Service
${metadata(chart)}
spec:
  type: ClusterIP
  selector:
    {{- include "${chart}.selectorLabels" $ctx | nindent 4 }}
${SERVICE_PORTS}
${END_EACH}`;
}

function ingress(chart: string): string {
  return `{{- if .Values.ingress.enabled }}
${eachServing(chart, '$svc.ingress.enabled')}
apiVersion: networking.k8s.io/v1
kind: Ingress
${metadata(chart)}
spec:
  ingressClassName: {{ $.Values.ingress.className }}
  {{- with $svc.ingress.tlsSecretName }}
  tls:
    - hosts:
        - {{ $svc.ingress.host | quote }}
      secretName: {{ . }}
  {{- end }}
  rules:
    - host: {{ $svc.ingress.host | quote }}
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: {{ $name }}
                port:
                  name: http
${END_EACH}{{- end }}
`;
}

function serviceAccount(chart: string): string {
  return `${eachService(chart)}
apiVersion: v1
kind: ServiceAccount
${metadata(chart)}
# No API token is mounted: the app does not call the Kubernetes API.
automountServiceAccountToken: false
${END_EACH}`;
}

function configMap(chart: string): string {
  return `${eachService(chart)}
apiVersion: v1
kind: ConfigMap
${metadata(chart, '{{ $name }}-config')}
{{- if $svc.config }}
data:
  {{- range $key, $value := $svc.config }}
  {{ $key }}: {{ $value | toString | quote }}
  {{- end }}
{{- else }}
data: {}
{{- end }}
${END_EACH}`;
}

function secret(chart: string): string {
  return `${eachService(chart, '$svc.secrets')}
{{- if eq $.Values.secrets.mode "external-secrets" }}
# Built by the External Secrets Operator from <project>/<environment>/<service> in the ClusterSecretStore.
apiVersion: external-secrets.io/v1
kind: ExternalSecret
${metadata(chart, '{{ $name }}-secrets')}
spec:
  refreshInterval: {{ $.Values.secrets.refreshInterval }}
  secretStoreRef:
    kind: ClusterSecretStore
    name: {{ $.Values.secrets.secretStore }}
  target:
    name: {{ $name }}-secrets
    creationPolicy: Owner
  data:
    {{- $remote := join "/" (compact (list $.Values.project $.Values.environment $name)) }}
    {{- range $key, $value := $svc.secrets }}
    - secretKey: {{ $key }}
      remoteRef:
        key: {{ $remote }}
        property: {{ $key }}
    {{- end }}
{{- else if eq $.Values.secrets.mode "template" }}
# Values come from a git-ignored values file (secrets-<env>.yaml) or --set; never commit them.
apiVersion: v1
kind: Secret
${metadata(chart, '{{ $name }}-secrets')}
type: Opaque
stringData:
  {{- range $key, $value := $svc.secrets }}
  {{ $key }}: {{ $value | toString | quote }}
  {{- end }}
{{- end }}
${END_EACH}`;
}

function hpa(chart: string): string {
  return `${eachService(chart, '$svc.autoscaling.enabled')}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
${metadata(chart)}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ $name }}
${CPU_AUTOSCALING}
${END_EACH}`;
}

function pdb(chart: string): string {
  return `${eachService(chart, '$svc.podDisruptionBudget.enabled')}
# maxUnavailable rather than minAvailable: node drains still work with a single replica (dev).
apiVersion: policy/v1
kind: PodDisruptionBudget
${metadata(chart)}
spec:
  maxUnavailable: {{ $svc.podDisruptionBudget.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "${chart}.selectorLabels" $ctx | nindent 6 }}
${END_EACH}`;
}

/** The namespace-wide policies of the plain manifests, with the project label from values. */
function networkPolicy(chart: string, plan: ProjectPlan): string {
  const project = projectName(plan);
  const defaults = defaultPolicies(plan).map((item) => {
    const text = stringify(item.object, { lineWidth: 0, indentSeq: true, aliasDuplicateObjects: false });
    const comment = (item.comment ?? []).map((l) => `# ${l}\n`).join('');
    return `---\n${comment}${text.split(`app.kubernetes.io/part-of: ${project}`).join('app.kubernetes.io/part-of: {{ .Values.project }}')}`;
  });
  return `{{- if .Values.networkPolicy.enabled }}
${defaults.join('')}${eachService(chart)}
# On top of the default deny: the app port from the ingress controller and this namespace, egress to
# the services it depends on and its backing services.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
${metadata(chart)}
spec:
  podSelector:
    matchLabels:
      {{- include "${chart}.selectorLabels" $ctx | nindent 6 }}
  policyTypes:
    - Ingress
    - Egress
  ingress:
    {{- toYaml $svc.networkPolicy.ingress | nindent 4 }}
  egress:
    {{- toYaml $svc.networkPolicy.egress | nindent 4 }}
${END_EACH}{{- end }}
`;
}

/** The rollout line of NOTES.txt for a rolling-update chart; strategy-templates.ts has the strategy one. */
const ROLLOUT_NOTE = '    Rollout: kubectl rollout status -n {{ $.Release.Namespace }} deployment/{{ $name }}\n';

function notes(chart: string, rollout = ROLLOUT_NOTE): string {
  return `{{ .Chart.Name }} {{ .Chart.Version }} is release {{ .Release.Name }} (revision {{ .Release.Revision }}) in namespace {{ .Release.Namespace }}.
{{ range $name, $svc := .Values.services }}
{{- if $svc.enabled }}
{{- $ctx := dict "root" $ "name" $name "svc" $svc }}
- {{ $name }} ({{ $svc.component }}): {{ include "${chart}.image" $ctx }}
{{- if and $.Values.ingress.enabled $svc.ingress.enabled (include "${chart}.serves" $ctx) }}
    URL: http{{ if $svc.ingress.tlsSecretName }}s{{ end }}://{{ $svc.ingress.host }}/
{{- else if (include "${chart}.serves" $ctx) }}
    In the cluster: http://{{ $name }}:{{ $svc.port }}/ (kubectl port-forward -n {{ $.Release.Namespace }} svc/{{ $name }} {{ $svc.port }})
{{- end }}
${rollout}{{- if eq $.Values.secrets.mode "template" }}
{{- range $key, $value := $svc.secrets }}
{{- if not $value }}
    WARNING: {{ $key }} is empty in Secret {{ $name }}-secrets: set services.{{ $name }}.secrets.{{ $key }} in a git-ignored values file.
{{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}

History and rollback:
  helm history {{ .Release.Name }} -n {{ .Release.Namespace }}
  helm rollback {{ .Release.Name }} <revision> -n {{ .Release.Namespace }}
`;
}

/**
 * Paths under templates/ → content; `source` is the header's "from …" text. With `strategies`, the
 * workload templates are the ones that render rolling, blue-green and canary per service (strategy-templates.ts).
 */
export function chartTemplates(plan: ProjectPlan, source: string, strategies?: StrategyTemplates): Record<string, string> {
  const chart = projectName(plan);
  let files: Record<string, string> = {
    '_helpers.tpl': helpers(chart),
    'serviceaccount.yaml': serviceAccount(chart),
    'configmap.yaml': configMap(chart),
    'secret.yaml': secret(chart),
    'deployment.yaml': deployment(chart),
    'service.yaml': service(chart),
    'hpa.yaml': hpa(chart),
    'pdb.yaml': pdb(chart),
    'ingress.yaml': ingress(chart),
    'networkpolicy.yaml': networkPolicy(chart, plan),
    'NOTES.txt': notes(chart),
  };
  if (strategies) {
    files = { ...files, ...strategies.files, '_helpers.tpl': `${files['_helpers.tpl'] ?? ''}${strategies.helpers}`, 'NOTES.txt': notes(chart, strategies.rolloutNote) };
  }
  return Object.fromEntries(Object.entries(files).map(([name, text]) => [name, `${header(source)}${text}`]));
}
