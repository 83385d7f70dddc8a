/**
 * Templates of a chart generated with `strategy: blue-green` or `canary`: the workloads of every
 * strategy the kubernetes family writes (kubernetes/strategy/apply.ts), picked per service by
 * `services.<name>.strategy.type` and `.rollouts`, so one chart can run canary for the API and a
 * rolling update for its worker. Same objects and names as the plain manifests:
 * - rolling: the Deployment of the rolling chart;
 * - Argo Rollouts: a `Rollout` (blueGreen with Services <name> and <name>-preview, or canary steps),
 *   the HPA scaling the Rollout;
 * - plain blue-green: Deployments <name>-blue and <name>-green (slot label), Service <name> selecting
 *   `activeColor`, <name>-preview the other colour, one HPA per colour;
 * - plain canary: Deployment <name> (stable track, HPA) and <name>-canary (`canaryReplicas`).
 * A chart generated with the default rolling strategy keeps the plain templates (templates.ts).
 */
import { ROLLOUTS_API_VERSION, SLOT_LABEL, TRACK_LABEL } from '../kubernetes/strategy/plan.js';
import { CPU_AUTOSCALING, eachServing, END_EACH, labelsDefine, metadata, SERVICE_PORTS, workloadSpecHead } from './templates.js';

/** Helpers appended to _helpers.tpl; every one takes the $ctx dict plus `extra` (labels) and `tag`. */
function helpers(chart: string): string {
  return `
{{/* The image tag of one workload: its own (a colour's or the canary's), else the service's, else image.tag. */}}
{{- define "${chart}.workloadTag" -}}
{{ .tag | default (include "${chart}.tag" .) }}
{{- end }}

{{/* Selector labels of one workload: the service's plus its slot or track label (.extra). */}}
{{- define "${chart}.workloadSelectorLabels" -}}
{{ include "${chart}.selectorLabels" . }}
{{- range $key, $value := .extra }}
{{ $key }}: {{ $value }}
{{- end }}
{{- end }}

${labelsDefine(chart, 'workloadLabels', 'workloadSelectorLabels', 'workloadTag')}

{{/* Blue-green switches a Service: a service without one (a worker, no port) cannot use it. */}}
{{- define "${chart}.checkStrategy" -}}
{{- if and (eq .svc.strategy.type "blue-green") (not (include "${chart}.serves" .)) }}
{{- fail (printf "services.%s.strategy.type: blue-green needs a Service to switch (a port, not a worker); use rolling or canary" .name) }}
{{- end }}
{{- end }}

{{/* The pod template shared by the Deployment, the Rollout, each colour and each track. */}}
{{- define "${chart}.podTemplate" -}}
metadata:
  labels:
    {{- include "${chart}.workloadLabels" $ | nindent 4 }}
  annotations:
    # Pods restart when the settings change (envFrom is read at start only).
    checksum/config: {{ toJson $.svc.config | sha256sum }}
spec:
  serviceAccountName: {{ $.name }}
  automountServiceAccountToken: false
  terminationGracePeriodSeconds: {{ $.svc.terminationGracePeriodSeconds }}
  securityContext:
    {{- toYaml $.svc.podSecurityContext | nindent 4 }}
  {{- if $.root.Values.topologySpread.enabled }}
  topologySpreadConstraints:
    {{- range $key := list "topology.kubernetes.io/zone" "kubernetes.io/hostname" }}
    - maxSkew: 1
      topologyKey: {{ $key }}
      whenUnsatisfiable: ScheduleAnyway
      labelSelector:
        matchLabels:
          {{- include "${chart}.workloadSelectorLabels" $ | nindent 10 }}
    {{- end }}
  {{- end }}
  containers:
    - name: {{ $.name }}
      image: {{ printf "%s/%s:%s" $.root.Values.image.registry $.svc.image.repository (include "${chart}.workloadTag" $) | quote }}
      imagePullPolicy: {{ $.root.Values.image.pullPolicy }}
      {{- if $.svc.port }}
      ports:
        - name: http
          containerPort: {{ $.svc.port }}
          protocol: TCP
      {{- end }}
      envFrom:
        - configMapRef:
            name: {{ $.name }}-config
        {{- if $.svc.secrets }}
        - secretRef:
            name: {{ $.name }}-secrets
        {{- end }}
      {{- if $.svc.port }}
      {{- with $.svc.probes }}
      {{- toYaml . | nindent 6 }}
      {{- end }}
      {{- end }}
      resources:
        {{- toYaml $.svc.resources | nindent 8 }}
      securityContext:
        {{- toYaml $.svc.securityContext | nindent 8 }}
      {{- with $.svc.lifecycle }}
      lifecycle:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $.svc.volumeMounts }}
      volumeMounts:
        {{- toYaml . | nindent 8 }}
      {{- end }}
  {{- with $.svc.volumes }}
  volumes:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}
`;
}

/** Deployments: rolling, the two colours of plain blue-green, or the stable and canary tracks. */
function deployment(chart: string): string {
  return `{{- range $name, $svc := .Values.services }}
{{- if $svc.enabled }}
{{- $s := $svc.strategy }}
{{- include "${chart}.checkStrategy" (dict "root" $ "name" $name "svc" $svc) }}
{{- $workloads := list }}
{{- if eq $s.type "rolling" }}
{{- $workloads = list (dict "suffix" "" "extra" (dict) "tag" "") }}
{{- else if $s.rollouts }}
{{- /* rollout.yaml */ -}}
{{- else if eq $s.type "blue-green" }}
{{- $workloads = list (dict "suffix" "-blue" "extra" (dict "${SLOT_LABEL}" "blue") "tag" $s.colorTags.blue) (dict "suffix" "-green" "extra" (dict "${SLOT_LABEL}" "green") "tag" $s.colorTags.green) }}
{{- else }}
{{- $workloads = list (dict "suffix" "" "extra" (dict "${TRACK_LABEL}" "stable") "tag" "") (dict "suffix" "-canary" "extra" (dict "${TRACK_LABEL}" "canary") "tag" $s.canaryTag "replicas" $s.canaryReplicas) }}
{{- end }}
{{- range $workloads }}
{{- $w := dict "root" $ "name" $name "svc" $svc "extra" .extra "tag" .tag }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $name }}{{ .suffix }}
  labels:
    {{- include "${chart}.workloadLabels" $w | nindent 4 }}
spec:
  {{- if hasKey . "replicas" }}
  replicas: {{ .replicas }}
  {{- else if not $svc.autoscaling.enabled }}
  replicas: {{ $svc.replicas }}
  {{- end }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "${chart}.workloadSelectorLabels" $w | nindent 6 }}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      {{- toYaml $s.rollingUpdate | nindent 6 }}
  template:
    {{- include "${chart}.podTemplate" $w | nindent 4 }}
{{- end }}
${END_EACH}`;
}

/** Argo Rollouts: one Rollout per service whose strategy is blue-green or canary with rollouts: true. */
function rollout(chart: string): string {
  return `{{- range $name, $svc := .Values.services }}
{{- $s := $svc.strategy }}
{{- if and $svc.enabled $s.rollouts (ne $s.type "rolling") }}
{{- $ctx := dict "root" $ "name" $name "svc" $svc "extra" (dict) "tag" "" }}
---
# Rollback: kubectl argo rollouts abort {{ $name }} during a release, kubectl argo rollouts undo {{ $name }} after it.
apiVersion: ${ROLLOUTS_API_VERSION}
kind: Rollout
${metadata(chart)}
${workloadSpecHead(chart)}
  strategy:
    {{- if eq $s.type "blue-green" }}
    blueGreen:
      activeService: {{ $name }}
      previewService: {{ $name }}-preview
      {{- with $s.blueGreen }}
      {{- toYaml . | nindent 6 }}
      {{- end }}
    {{- else }}
    canary:
      {{- with $s.canary }}
      {{- toYaml . | nindent 6 }}
      {{- else }} {}
      {{- end }}
    {{- end }}
  template:
    {{- include "${chart}.podTemplate" $ctx | nindent 4 }}
${END_EACH}`;
}

/** Service <name>, plus <name>-preview for blue-green; plain blue-green selects a colour. */
function service(chart: string): string {
  return `${eachServing(chart)}
{{- $s := $svc.strategy }}
apiVersion: v1
kind: Service
${metadata(chart)}
spec:
  type: ClusterIP
  selector:
    {{- include "${chart}.selectorLabels" $ctx | nindent 4 }}
    {{- if and (eq $s.type "blue-green") (not $s.rollouts) }}
    ${SLOT_LABEL}: {{ $s.activeColor }}
    {{- end }}
${SERVICE_PORTS}
{{- if eq $s.type "blue-green" }}
---
# Preview: the new version before promotion (Argo Rollouts) or the idle colour, to test a release before the switch.
apiVersion: v1
kind: Service
${metadata(chart, '{{ $name }}-preview')}
spec:
  type: ClusterIP
  selector:
    {{- include "${chart}.selectorLabels" $ctx | nindent 4 }}
    {{- if not $s.rollouts }}
    ${SLOT_LABEL}: {{ ternary "green" "blue" (eq $s.activeColor "blue") }}
    {{- end }}
${SERVICE_PORTS}
{{- end }}
${END_EACH}`;
}

/** The autoscaler scales the Rollout, each colour, or the stable track. */
function hpa(chart: string): string {
  return `{{- range $name, $svc := .Values.services }}
{{- if and $svc.enabled $svc.autoscaling.enabled }}
{{- $ctx := dict "root" $ "name" $name "svc" $svc }}
{{- $s := $svc.strategy }}
{{- $targets := list (dict "name" $name "apiVersion" "apps/v1" "kind" "Deployment") }}
{{- if and (ne $s.type "rolling") $s.rollouts }}
{{- $targets = list (dict "name" $name "apiVersion" "${ROLLOUTS_API_VERSION}" "kind" "Rollout") }}
{{- else if eq $s.type "blue-green" }}
{{- $targets = list (dict "name" (printf "%s-blue" $name) "apiVersion" "apps/v1" "kind" "Deployment") (dict "name" (printf "%s-green" $name) "apiVersion" "apps/v1" "kind" "Deployment") }}
{{- end }}
{{- range $targets }}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ .name }}
  labels:
    {{- include "${chart}.labels" $ctx | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: {{ .apiVersion }}
    kind: {{ .kind }}
    name: {{ .name }}
${CPU_AUTOSCALING}
{{- end }}
${END_EACH}`;
}

/** NOTES.txt lines per service: how a release goes out and how it is rolled back, per strategy. */
const ROLLOUT_NOTE = `{{- $s := $svc.strategy }}
{{- $ns := $.Release.Namespace }}
{{- $set := printf "helm upgrade %s <chart> -n %s --reuse-values --set services.%s.strategy" $.Release.Name $ns $name }}
{{- if eq $s.type "rolling" }}
    Rollout: kubectl rollout status -n {{ $ns }} deployment/{{ $name }}
{{- else if $s.rollouts }}
    Strategy: {{ $s.type }} with Argo Rollouts; watch: kubectl argo rollouts get rollout {{ $name }} -n {{ $ns }} --watch
    Promote: kubectl argo rollouts promote {{ $name }} -n {{ $ns }}
    Rollback: kubectl argo rollouts abort {{ $name }} -n {{ $ns }} then kubectl argo rollouts undo {{ $name }} -n {{ $ns }} during a release;
      after a full promotion: kubectl argo rollouts undo {{ $name }} -n {{ $ns }} then promote --full (or helm rollback, which re-runs the steps).
{{- else if eq $s.type "blue-green" }}
    {{- $idle := ternary "green" "blue" (eq $s.activeColor "blue") }}
    Strategy: blue-green Deployments; Service {{ $name }} serves {{ $s.activeColor }}, {{ $name }}-preview serves {{ $idle }}.
    Release: {{ $set }}.colorTags.{{ $idle }}=<tag>, test svc/{{ $name }}-preview, then {{ $set }}.activeColor={{ $idle }}
    Rollback: {{ $set }}.activeColor=<previous colour> (or helm rollback {{ $.Release.Name }} <revision> -n {{ $ns }})
{{- else }}
    Strategy: canary Deployments; {{ $name }}-canary has {{ $s.canaryReplicas }} replica(s) next to the stable {{ $name }}.
    Release: {{ $set }}.canaryTag=<tag> --set services.{{ $name }}.strategy.canaryReplicas=1; promote: --set services.{{ $name }}.image.tag=<tag> --set services.{{ $name }}.strategy.canaryReplicas=0
    Rollback: {{ $set }}.canaryReplicas=0 (or helm rollback {{ $.Release.Name }} <revision> -n {{ $ns }})
{{- end }}
`;

export interface StrategyTemplates {
  /** templates/ files that replace or join the rolling chart's. */
  files: Record<string, string>;
  /** Appended to _helpers.tpl. */
  helpers: string;
  /** The per-service rollout lines of NOTES.txt. */
  rolloutNote: string;
}

export function strategyTemplates(chart: string): StrategyTemplates {
  return {
    files: { 'deployment.yaml': deployment(chart), 'rollout.yaml': rollout(chart), 'service.yaml': service(chart), 'hpa.yaml': hpa(chart) },
    helpers: helpers(chart),
    rolloutNote: ROLLOUT_NOTE,
  };
}
