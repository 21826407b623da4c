// Validates rendered Kubernetes manifests (multi-document YAML files, one per overlay):
//  1. every document is a kind this validator knows (Kubernetes, Strimzi, CloudNativePG) and passes
//     that kind's schema (kubernetes-models: the Kubernetes OpenAPI and the operators' CRD schemas);
//     Kubernetes kinds also may not carry fields their API does not define (strict.mjs);
//  2. the rules the schemas cannot express, which a typo would silently defeat: every container runs
//     non-root with a read-only root filesystem, no capabilities, seccomp RuntimeDefault, requests and
//     a memory limit; env entries have one source; names referenced inside a bundle exist.
// It also lists the Secrets a bundle reads but does not contain: made by hand or by an operator (README.md).
// Usage: node validate.mjs RENDERED.yaml...   Exit status 1 when any document fails.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parseAllDocuments } from "yaml";
import { unknownFields } from "./strict.mjs";

const MODEL_PACKAGES = [
  { match: (group) => group === "", module: (version) => `kubernetes-models/${version}` },
  { match: (group) => group.endsWith(".k8s.io") || ["apps", "batch", "autoscaling", "policy"].includes(group),
    module: (version, group) => `kubernetes-models/${group}/${version}` },
  { match: (group) => group.endsWith(".strimzi.io"),
    module: (version, group) => `@kubernetes-models/strimzi-kafka-operator/${group}/${version}` },
  { match: (group) => group === "postgresql.cnpg.io",
    module: (version, group) => `@kubernetes-models/cloudnative-pg/${group}/${version}` },
];

async function modelFor(apiVersion, kind) {
  if (typeof apiVersion !== "string" || typeof kind !== "string") return null;
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const source = MODEL_PACKAGES.find((p) => p.match(group));
  if (!source) return null;
  let module;
  try {
    module = await import(source.module(version, group));
  } catch {
    return null;
  }
  const model = module[kind];
  return model && model.apiVersion === apiVersion && model.kind === kind ? model : null;
}

const WORKLOAD_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet", "Job"]);

function podSpecOf(doc) {
  return WORKLOAD_KINDS.has(doc.kind) ? doc.spec?.template?.spec : null;
}

function selects(selector, labels) {
  return Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
}

function policyErrors(doc, bundle) {
  const errors = [];
  const pod = podSpecOf(doc);
  if (pod) {
    if (pod.automountServiceAccountToken !== false) errors.push("spec.template.spec.automountServiceAccountToken must be false");
    if (pod.securityContext?.runAsNonRoot !== true) errors.push("spec.template.spec.securityContext.runAsNonRoot must be true");
    if (pod.securityContext?.seccompProfile?.type !== "RuntimeDefault") {
      errors.push("spec.template.spec.securityContext.seccompProfile.type must be RuntimeDefault");
    }
    const volumes = new Set((pod.volumes ?? []).map((v) => v.name));
    const claims = new Set((doc.spec?.volumeClaimTemplates ?? []).map((c) => c.metadata?.name));
    for (const [i, c] of [...(pod.initContainers ?? []), ...(pod.containers ?? [])].entries()) {
      const at = `container ${c.name ?? i}`;
      const sc = c.securityContext ?? {};
      if (sc.allowPrivilegeEscalation !== false) errors.push(`${at}: securityContext.allowPrivilegeEscalation must be false`);
      if (sc.readOnlyRootFilesystem !== true) errors.push(`${at}: securityContext.readOnlyRootFilesystem must be true`);
      if (!(sc.capabilities?.drop ?? []).includes("ALL")) errors.push(`${at}: securityContext.capabilities.drop must include ALL`);
      if (sc.privileged === true) errors.push(`${at}: must not be privileged`);
      if (!c.resources?.requests?.cpu || !c.resources?.requests?.memory) errors.push(`${at}: resources.requests needs cpu and memory`);
      if (!c.resources?.limits?.memory) errors.push(`${at}: resources.limits.memory is required`);
      if (typeof c.image !== "string" || !/[:@]/.test(c.image.split("/").pop())) errors.push(`${at}: image needs an explicit tag or digest`);
      for (const e of c.env ?? []) {
        if (("value" in e) === ("valueFrom" in e)) errors.push(`${at}: env ${e.name} needs exactly one of value and valueFrom`);
        const cmRef = e.valueFrom?.configMapKeyRef?.name;
        if (cmRef && !bundle.has(`ConfigMap/${cmRef}`)) errors.push(`${at}: env ${e.name} names ConfigMap ${cmRef}, which is not in the bundle`);
      }
      for (const from of c.envFrom ?? []) {
        const cmRef = from.configMapRef?.name;
        if (cmRef && !bundle.has(`ConfigMap/${cmRef}`)) errors.push(`${at}: envFrom names ConfigMap ${cmRef}, which is not in the bundle`);
      }
      for (const m of c.volumeMounts ?? []) {
        if (!volumes.has(m.name) && !claims.has(m.name)) errors.push(`${at}: volumeMount ${m.name} has no volume`);
      }
      if (doc.kind === "Deployment" || doc.kind === "StatefulSet") {
        if (!c.livenessProbe || !c.readinessProbe) errors.push(`${at}: liveness and readiness probes are required`);
      }
    }
  }
  if (doc.kind === "Service" && doc.spec?.selector) {
    const targets = [...bundle.values()].filter((d) => podSpecOf(d) && selects(doc.spec.selector, d.spec.template.metadata?.labels));
    if (targets.length === 0) errors.push("spec.selector matches no pod template in the bundle");
    const portNames = new Set(targets.flatMap((d) => d.spec.template.spec.containers.flatMap((c) => (c.ports ?? []).map((p) => p.name))));
    for (const p of doc.spec.ports ?? []) {
      if (typeof p.targetPort === "string" && !portNames.has(p.targetPort)) errors.push(`port ${p.name}: targetPort ${p.targetPort} is no container port name`);
    }
  }
  if (doc.kind === "PodDisruptionBudget") {
    const hit = [...bundle.values()].some((d) => podSpecOf(d) && selects(doc.spec?.selector?.matchLabels, d.spec.template.metadata?.labels));
    if (!hit) errors.push("spec.selector matches no pod template in the bundle");
  }
  if (doc.kind === "HorizontalPodAutoscaler") {
    const ref = doc.spec?.scaleTargetRef;
    if (!bundle.has(`${ref?.kind}/${ref?.name}`)) errors.push(`scaleTargetRef ${ref?.kind}/${ref?.name} is not in the bundle`);
    else if (bundle.get(`${ref.kind}/${ref.name}`).spec?.replicas !== undefined) {
      errors.push(`${ref.kind}/${ref.name} sets spec.replicas although this autoscaler owns them`);
    }
  }
  return errors;
}

async function validateFile(file) {
  const failures = [];
  const docs = parseAllDocuments(readFileSync(file, "utf8"));
  const bundle = new Map();
  const parsed = [];
  for (const [i, d] of docs.entries()) {
    if (d.errors.length > 0) {
      failures.push(`document ${i + 1}: not YAML: ${d.errors[0].message}`);
      continue;
    }
    const doc = d.toJS();
    if (doc === null || doc === undefined) continue;
    parsed.push(doc);
    bundle.set(`${doc.kind}/${doc.metadata?.name}`, doc);
  }
  const counts = new Map();
  for (const doc of parsed) {
    const id = `${doc.kind ?? "?"}/${doc.metadata?.name ?? "?"}`;
    counts.set(doc.kind, (counts.get(doc.kind) ?? 0) + 1);
    const Model = await modelFor(doc.apiVersion, doc.kind);
    if (!Model) {
      failures.push(`${id}: unknown kind ${doc.kind} in ${doc.apiVersion} (no schema to validate it against)`);
      continue;
    }
    try {
      new Model(doc).validate();
    } catch (e) {
      failures.push(`${id}: ${e.message}`);
    }
    for (const err of unknownFields(doc)) failures.push(`${id}: ${err}`);
    for (const err of policyErrors(doc, bundle)) failures.push(`${id}: ${err}`);
  }
  if (parsed.length === 0) failures.push("no documents");
  return { failures, counts, secrets: secretsRead(parsed) };
}

function secretsRead(docs) {
  const names = new Set();
  for (const doc of docs) {
    const pod = podSpecOf(doc);
    if (!pod) continue;
    for (const c of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
      for (const e of c.env ?? []) if (e.valueFrom?.secretKeyRef?.name) names.add(e.valueFrom.secretKeyRef.name);
      for (const f of c.envFrom ?? []) if (f.secretRef?.name) names.add(f.secretRef.name);
    }
    for (const v of pod.volumes ?? []) if (v.secret?.secretName) names.add(v.secret.secretName);
  }
  for (const doc of docs) if (doc.kind === "Secret") names.delete(doc.metadata?.name);
  return [...names].sort();
}

let failed = false;
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node validate.mjs RENDERED.yaml...");
  process.exit(2);
}
for (const file of files) {
  const { failures, counts, secrets } = await validateFile(file);
  const summary = [...counts.entries()].map(([k, n]) => `${n} ${k}`).join(", ");
  if (failures.length === 0) {
    console.log(`VALID ${basename(file)}: ${summary}`);
    console.log(`  secrets read (not in the bundle): ${secrets.join(", ") || "none"}`);
  } else {
    failed = true;
    console.log(`INVALID ${basename(file)}: ${summary}`);
    for (const f of failures) console.log(`  ${f}`);
  }
}
process.exit(failed ? 1 : 0);
