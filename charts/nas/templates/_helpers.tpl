{{/*
Names and labels.
*/}}
{{- define "nas.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "nas.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "nas.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The name of one service's objects: <fullname>-<component>, e.g. nas-sampler. */}}
{{- define "nas.componentName" -}}
{{- printf "%s-%s" (include "nas.fullname" .root) .component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Selector labels of one service. Args: root, component. */}}
{{- define "nas.selectorLabels" -}}
app.kubernetes.io/name: {{ include "nas.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* All labels of one service's objects. Args: root, component. */}}
{{- define "nas.labels" -}}
helm.sh/chart: {{ include "nas.chart" .root }}
{{ include "nas.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: nas
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
The image of one service: [registry/]repository/<service>-service:tag, each part overridable per service.
Args: root, service (sampler|trainer|latency|reward), image (the service's image overrides).
*/}}
{{- define "nas.image" -}}
{{- $global := .root.Values.image }}
{{- $repository := default (printf "%s/%s-service" $global.repository .service) .image.repository }}
{{- $registry := default $global.registry .image.registry }}
{{- $tag := default (default .root.Chart.AppVersion $global.tag) .image.tag }}
{{- if $registry }}
{{- printf "%s/%s:%s" $registry $repository $tag }}
{{- else }}
{{- printf "%s:%s" $repository $tag }}
{{- end }}
{{- end }}

{{/*
Environment shared by every service: Kafka (address, SASL, TLS, extra client settings), topic creation, the object
store, then commonEnv. Secrets only ever come in through secretKeyRef.
*/}}
{{- define "nas.commonEnv" -}}
{{- $kafka := .Values.kafka }}
- name: KAFKA_BOOTSTRAP_SERVERS
  value: {{ required "kafka.bootstrapServers is required" $kafka.bootstrapServers | quote }}
{{- with $kafka.securityProtocol }}
- name: KAFKA_SECURITY_PROTOCOL
  value: {{ . | quote }}
{{- end }}
{{- if $kafka.sasl.mechanism }}
{{- if not $kafka.sasl.jaasConfig.existingSecret }}
{{- fail "kafka.sasl.mechanism is set: name the Secret holding sasl.jaas.config in kafka.sasl.jaasConfig.existingSecret" }}
{{- end }}
- name: KAFKA_SASL_MECHANISM
  value: {{ $kafka.sasl.mechanism | quote }}
{{- end }}
{{- with $kafka.sasl.jaasConfig.existingSecret }}
- name: KAFKA_SASL_JAAS_CONFIG
  valueFrom:
    secretKeyRef:
      name: {{ . | quote }}
      key: {{ $kafka.sasl.jaasConfig.key | quote }}
{{- end }}
{{- with $kafka.tls.truststore }}
{{- if .existingSecret }}
- name: KAFKA_SSL_TRUSTSTORE_LOCATION
  value: {{ printf "%s/%s" (include "nas.truststoreDir" $) .key | quote }}
- name: KAFKA_SSL_TRUSTSTORE_TYPE
  value: {{ .type | quote }}
{{- if .passwordKey }}
- name: KAFKA_SSL_TRUSTSTORE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret | quote }}
      key: {{ .passwordKey | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- range $name, $value := $kafka.extraEnv }}
- name: {{ $name }}
  value: {{ $value | toString | quote }}
{{- end }}
- name: NAS_TOPICS_PARTITIONS
  value: {{ $kafka.topics.partitions | quote }}
- name: NAS_TOPICS_REPLICATION_FACTOR
  value: {{ $kafka.topics.replicationFactor | quote }}
{{- with .Values.objectStore }}
- name: NAS_OBJECT_STORE_ENDPOINT
  value: {{ .endpoint | quote }}
- name: NAS_OBJECT_STORE_BUCKET
  value: {{ .bucket | quote }}
{{- with .region }}
- name: NAS_OBJECT_STORE_REGION
  value: {{ . | quote }}
{{- end }}
- name: NAS_OBJECT_STORE_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret | quote }}
      key: {{ .accessKeyKey | quote }}
- name: NAS_OBJECT_STORE_SECRET_KEY
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret | quote }}
      key: {{ .secretKeyKey | quote }}
{{- end }}
{{- range $name, $value := .Values.commonEnv }}
- name: {{ $name }}
  value: {{ $value | toString | quote }}
{{- end }}
{{- end }}

{{/* The database of a service that owns a schema: the shared `database` block with the service's overrides on top. */}}
{{- define "nas.databaseEnv" -}}
{{- $db := merge (deepCopy (default dict .service.database)) .root.Values.database }}
- name: QUARKUS_DATASOURCE_JDBC_URL
  value: {{ required "database.jdbcUrl is required" $db.jdbcUrl | quote }}
{{ include "nas.secretEnv" (dict "name" "QUARKUS_DATASOURCE_USERNAME" "secret" $db.existingSecret "key" $db.usernameKey) }}
{{ include "nas.secretEnv" (dict "name" "QUARKUS_DATASOURCE_PASSWORD" "secret" $db.existingSecret "key" $db.passwordKey) }}
{{- end }}

{{/* A service's own extra environment (a map of NAME: value). */}}
{{- define "nas.extraEnv" -}}
{{- range $name, $value := . }}
- name: {{ $name }}
  value: {{ $value | toString | quote }}
{{- end }}
{{- end }}

{{- define "nas.truststoreDir" -}}
/etc/nas/kafka-truststore
{{- end }}

{{/* Volumes every pod has: a writable /tmp (the root filesystem is read-only) and the Kafka truststore if any. */}}
{{- define "nas.commonVolumes" -}}
- name: tmp
  emptyDir: {}
{{- with .Values.kafka.tls.truststore }}
{{- if .existingSecret }}
- name: kafka-truststore
  secret:
    secretName: {{ .existingSecret | quote }}
    items:
      - key: {{ .key | quote }}
        path: {{ .key | quote }}
{{- end }}
{{- end }}
{{- end }}

{{- define "nas.commonVolumeMounts" -}}
- name: tmp
  mountPath: /tmp
{{- if .Values.kafka.tls.truststore.existingSecret }}
- name: kafka-truststore
  mountPath: {{ include "nas.truststoreDir" . }}
  readOnly: true
{{- end }}
{{- end }}

{{/*
Health probes on Quarkus' endpoints. Liveness asks only /q/health/live, so a broker outage or a long trial never
restarts a pod; readiness (/q/health/ready) takes it out of its Service; the startup probe (/q/health/started) holds
the other two back while a slow service (DJL, Flyway) starts. Args: the service's `probes` values.
*/}}
{{- define "nas.probes" -}}
startupProbe:
  httpGet:
    path: /q/health/started
    port: http
  {{- toYaml .startup | nindent 2 }}
livenessProbe:
  httpGet:
    path: /q/health/live
    port: http
  {{- toYaml .liveness | nindent 2 }}
readinessProbe:
  httpGet:
    path: /q/health/ready
    port: http
  {{- toYaml .readiness | nindent 2 }}
{{- end }}

{{/* Pod annotations: Prometheus scraping of /q/metrics (if on) and the service's own. Args: root, service, port. */}}
{{- define "nas.podAnnotations" -}}
{{- if .root.Values.metrics.scrapeAnnotations }}
prometheus.io/scrape: "true"
prometheus.io/path: /q/metrics
prometheus.io/port: {{ .port | quote }}
{{- end }}
{{- with .root.Values.podAnnotations }}
{{ toYaml . }}
{{- end }}
{{- with .service.podAnnotations }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
The pod-level settings every Deployment shares. Args: root, scheduling (a dict with nodeSelector, tolerations,
affinity).
*/}}
{{- define "nas.podCommon" -}}
automountServiceAccountToken: false
{{- with .root.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .root.Values.podSecurityContext }}
securityContext:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .scheduling.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .scheduling.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .scheduling.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/* The topics of DESIGN.md: name, compacted, and whether a consumer writes a dead-letter topic beside it. */}}
{{- define "nas.topics" -}}
- name: nas.experiments
  compacted: true
  dlq: true
- name: nas.proposals
  compacted: false
  dlq: true
- name: nas.training.progress
  compacted: false
  dlq: false
- name: nas.accuracy
  compacted: false
  dlq: true
- name: nas.latency
  compacted: false
  dlq: true
- name: nas.policy
  compacted: true
  dlq: true
- name: nas.results
  compacted: false
  dlq: true
{{- end }}

{{/*
One service's Deployment. Args:
  root; component (label, container name and name suffix); nameSuffix (instead of component in the name); service (sampler|trainer|latency|reward: the image name);
  values (replicas, image, resources, probes, env, podAnnotations, terminationGracePeriodSeconds, strategy);
  scheduling (nodeSelector, tolerations, affinity); port;
  env, volumes, volumeMounts, initContainers (rendered YAML lists, may be empty);
  extraLabels (dict, may be empty); extraSelectorLabels (dict, may be empty: labels also in the selector, which
  never changes after the first install); omitReplicas (true when an autoscaler owns the replica count).
*/}}
{{- define "nas.deployment" -}}
{{- $root := .root }}
{{- $values := .values }}
{{- $labelArgs := dict "root" $root "component" .component }}
{{- $extraLabels := merge (deepCopy (default dict .extraSelectorLabels)) (default dict .extraLabels) }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "nas.componentName" (dict "root" $root "component" (default .component .nameSuffix)) }}
  labels:
    {{- include "nas.labels" $labelArgs | nindent 4 }}
    {{- with $extraLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  {{- if not .omitReplicas }}
  replicas: {{ $values.replicas }}
  {{- end }}
  revisionHistoryLimit: 3
  {{- with $values.strategy }}
  strategy:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "nas.selectorLabels" $labelArgs | nindent 6 }}
      {{- with .extraSelectorLabels }}
      {{- toYaml . | nindent 6 }}
      {{- end }}
  template:
    metadata:
      labels:
        {{- include "nas.labels" $labelArgs | nindent 8 }}
        {{- with $extraLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- with include "nas.podAnnotations" (dict "root" $root "service" $values "port" .port) | trim }}
      annotations:
        {{- . | nindent 8 }}
      {{- end }}
    spec:
      {{- include "nas.podCommon" (dict "root" $root "scheduling" .scheduling) | trim | nindent 6 }}
      terminationGracePeriodSeconds: {{ $values.terminationGracePeriodSeconds }}
      {{- with .initContainers }}
      initContainers:
        {{- . | trim | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ .component }}
          image: {{ include "nas.image" (dict "root" $root "service" .service "image" (default dict $values.image)) | quote }}
          imagePullPolicy: {{ default $root.Values.image.pullPolicy ($values.image).pullPolicy }}
          {{- with $root.Values.securityContext }}
          securityContext:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          ports:
            - name: http
              containerPort: {{ .port }}
              protocol: TCP
          env:
            {{- include "nas.commonEnv" $root | trim | nindent 12 }}
            {{- with .env }}
            {{- . | trim | nindent 12 }}
            {{- end }}
            {{- with $values.env }}
            {{- include "nas.extraEnv" . | trim | nindent 12 }}
            {{- end }}
          {{- include "nas.probes" $values.probes | nindent 10 }}
          {{- with $values.resources }}
          resources:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          volumeMounts:
            {{- include "nas.commonVolumeMounts" $root | trim | nindent 12 }}
            {{- with .volumeMounts }}
            {{- . | trim | nindent 12 }}
            {{- end }}
      volumes:
        {{- include "nas.commonVolumes" $root | trim | nindent 8 }}
        {{- with .volumes }}
        {{- . | trim | nindent 8 }}
        {{- end }}
{{- end }}

{{/* One service's ClusterIP Service (health and metrics; the sampler's and reward's REST APIs). Args: root, component, values, port. */}}
{{- define "nas.service" -}}
{{- $labelArgs := dict "root" .root "component" .component }}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "nas.componentName" $labelArgs }}
  labels:
    {{- include "nas.labels" $labelArgs | nindent 4 }}
  {{- with .values.service.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  type: {{ .values.service.type }}
  selector:
    {{- include "nas.selectorLabels" $labelArgs | nindent 4 }}
  ports:
    - name: http
      port: {{ .values.service.port }}
      targetPort: http
      protocol: TCP
{{- end }}

{{/* One environment variable from a Secret. Args: name, secret, key. */}}
{{- define "nas.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret | quote }}
      key: {{ .key | quote }}
{{- end }}
