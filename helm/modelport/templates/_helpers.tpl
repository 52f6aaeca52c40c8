{{/* The release's base name: <release>-modelport, or <release> when it already says modelport. */}}
{{- define "modelport.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Name of a component's objects: (dict "root" $ "component" "serving"). */}}
{{- define "modelport.componentName" -}}
{{- printf "%s-%s" (include "modelport.fullname" .root) .component -}}
{{- end -}}

{{- define "modelport.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" -}}
{{- end -}}

{{/* Labels that select a component's pods: (dict "root" $ "component" "serving"). */}}
{{- define "modelport.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* Every object's labels: (dict "root" $ "component" "serving"). */}}
{{- define "modelport.labels" -}}
{{ include "modelport.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: modelport
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ include "modelport.chart" .root }}
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Image of a component: (dict "root" $ "image" .Values.serving.image "suffix" ""). */}}
{{- define "modelport.image" -}}
{{- $tag := .image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion -}}
{{- printf "%s/%s%s:%s" .root.Values.image.registry .image.repository (.suffix | default "") $tag -}}
{{- end -}}

{{/* The job label Prometheus gives each service's series (ServiceMonitor jobLabel, compose job_name). */}}
{{- define "modelport.jobName" -}}
{{- printf "modelport-%s" . -}}
{{- end -}}

{{- define "modelport.registryUrl" -}}
{{- printf "http://%s:%v" (include "modelport.componentName" (dict "root" . "component" "registry")) .Values.registry.port -}}
{{- end -}}

{{- define "modelport.apiKeysSecret" -}}
{{- .Values.apiKeys.existingSecret | default (printf "%s-api-keys" (include "modelport.fullname" .)) -}}
{{- end -}}

{{- define "modelport.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- .Values.serviceAccount.name | default (include "modelport.componentName" (dict "root" . "component" "drift-monitor")) -}}
{{- else -}}
{{- .Values.serviceAccount.name | default "default" -}}
{{- end -}}
{{- end -}}

{{/* Renders a map as application.properties lines, sorted by key. */}}
{{- define "modelport.properties" -}}
{{- range $k, $v := . }}
{{ $k }}={{ $v }}
{{- end }}
{{- end -}}

{{/* The probes of a Quarkus service on its HTTP port: startup, liveness and readiness. */}}
{{- define "modelport.probes" -}}
startupProbe:
  httpGet:
    path: /q/health/started
    port: http
  periodSeconds: 5
  failureThreshold: 60
livenessProbe:
  httpGet:
    path: /q/health/live
    port: http
  periodSeconds: 10
  failureThreshold: 3
readinessProbe:
  httpGet:
    path: /q/health/ready
    port: http
  periodSeconds: 5
  # drift-monitor's readiness asks Kafka and the registry, each bounded by 2 s
  timeoutSeconds: 5
  failureThreshold: 2
{{- end -}}

{{/* Gateway API backendRefs of serving: the release's Service, and a canary Service by weight. */}}
{{- define "modelport.gatewayBackends" -}}
- name: {{ .name }}
  port: {{ .port }}
  weight: {{ sub 100 (ternary (int .g.canary.weight) 0 .canary) }}
{{- if .canary }}
- name: {{ .g.canary.serviceName }}
  port: {{ .port }}
  weight: {{ int .g.canary.weight }}
{{- end }}
{{- end -}}

{{/* The API keys of serving and drift-monitor: given, or generated once per render (memoised in
     .Values so that every template of one render sees the same keys). */}}
{{- define "modelport.apiKeys" -}}
{{- if not .Values.apiKeys.rendered }}
{{- $_ := set .Values.apiKeys "rendered" (dict "serving" (.Values.apiKeys.serving | default (randAlphaNum 40)) "driftMonitor" (.Values.apiKeys.driftMonitor | default (randAlphaNum 40))) }}
{{- end }}
{{- toYaml .Values.apiKeys.rendered }}
{{- end -}}

{{/* Annotation value that changes with the API keys, so that the three services roll together. */}}
{{- define "modelport.apiKeysChecksum" -}}
{{- if .Values.apiKeys.existingSecret -}}
{{- .Values.apiKeys.existingSecret | sha256sum -}}
{{- else -}}
{{- include "modelport.apiKeys" . | sha256sum -}}
{{- end -}}
{{- end -}}

{{/*
The tracing environment of every service (values "tracing"): the Quarkus OpenTelemetry SDK on or
off, the OTLP endpoint and the ratio of the parent-based sampler.
*/}}
{{- define "modelport.tracingEnv" -}}
- name: QUARKUS_OTEL_SDK_DISABLED
  value: {{ (not .Values.tracing.enabled) | quote }}
{{- if .Values.tracing.enabled }}
- name: QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT
  value: {{ required "tracing.otlpEndpoint is required when tracing.enabled" .Values.tracing.otlpEndpoint | quote }}
- name: QUARKUS_OTEL_TRACES_SAMPLER_ARG
  value: {{ .Values.tracing.samplerRatio | quote }}
{{- end }}
{{- end }}
