import { K8sObject, resourceId } from './rendered-manifests';

/**
 * checkov's Kubernetes checks (the CKV_K8S_* policies of bridgecrew's checkov, and the graph check
 * CKV2_K8S_6), re-implemented over rendered objects: checkov itself is a PyPI package this project
 * cannot install. Each check names the checkov check it mirrors and fails the same resources.
 */
export interface Finding {
  check: string;
  resource: string;
  detail: string;
}

interface Container {
  name: string;
  image?: string;
  imagePullPolicy?: string;
  livenessProbe?: unknown;
  readinessProbe?: unknown;
  ports?: { hostPort?: number }[];
  env?: { valueFrom?: { secretKeyRef?: unknown } }[];
  envFrom?: { secretRef?: unknown }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: SecurityContext & {
    privileged?: boolean;
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
    capabilities?: { add?: string[]; drop?: string[] };
  };
}

interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  seccompProfile?: { type?: string };
}

interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  hostPID?: boolean;
  hostIPC?: boolean;
  hostNetwork?: boolean;
  serviceAccountName?: string;
  automountServiceAccountToken?: boolean;
  securityContext?: SecurityContext;
  volumes?: { hostPath?: { path?: string } }[];
}

interface Workload {
  object: K8sObject;
  podLabels: Record<string, string>;
  pod: PodSpec;
}

/** Objects that run pods, with their pod template. */
export function workloads(objects: K8sObject[]): Workload[] {
  return objects.flatMap((object) => {
    const template =
      object.kind === 'CronJob' ? object.spec?.jobTemplate?.spec?.template : object.spec?.template;
    if (object.kind === 'Pod')
      return [{ object, podLabels: object.metadata.labels ?? {}, pod: object.spec as PodSpec }];
    if (!template?.spec?.containers) return [];
    return [{ object, podLabels: template.metadata?.labels ?? {}, pod: template.spec as PodSpec }];
  });
}

type ContainerCheck = (container: Container, workload: Workload) => string | undefined;
type PodCheck = (pod: PodSpec) => string | undefined;

const runsToCompletion = (workload: Workload) => ['Job', 'CronJob'].includes(workload.object.kind);
const capabilities = (container: Container) => container.securityContext?.capabilities ?? {};
const effective = <K extends keyof SecurityContext>(container: Container, pod: PodSpec, key: K) =>
  container.securityContext?.[key] ?? pod.securityContext?.[key];

const containerChecks: Record<string, ContainerCheck> = {
  CKV_K8S_8: (c, w) => (runsToCompletion(w) || c.livenessProbe ? undefined : 'no livenessProbe'),
  CKV_K8S_9: (c, w) => (runsToCompletion(w) || c.readinessProbe ? undefined : 'no readinessProbe'),
  CKV_K8S_10: (c) => (c.resources?.requests?.cpu ? undefined : 'no CPU request'),
  CKV_K8S_11: (c) => (c.resources?.limits?.cpu ? undefined : 'no CPU limit'),
  CKV_K8S_12: (c) => (c.resources?.requests?.memory ? undefined : 'no memory request'),
  CKV_K8S_13: (c) => (c.resources?.limits?.memory ? undefined : 'no memory limit'),
  CKV_K8S_14: (c) =>
    c.image && (c.image.includes('@') || /:[^/:]+$/.test(c.image)) && !c.image.endsWith(':latest')
      ? undefined
      : `image ${c.image} has no fixed tag`,
  CKV_K8S_15: (c) => (c.imagePullPolicy === 'Always' ? undefined : `imagePullPolicy ${c.imagePullPolicy}`),
  CKV_K8S_16: (c) => (c.securityContext?.privileged ? 'privileged' : undefined),
  CKV_K8S_20: (c) =>
    c.securityContext?.allowPrivilegeEscalation === false ? undefined : 'allowPrivilegeEscalation not false',
  CKV_K8S_22: (c) => (c.securityContext?.readOnlyRootFilesystem ? undefined : 'root filesystem writable'),
  CKV_K8S_23: (c, w) => (effective(c, w.pod, 'runAsNonRoot') ? undefined : 'runAsNonRoot not true'),
  CKV_K8S_25: (c) => (capabilities(c).add?.length ? `adds ${capabilities(c).add!.join(',')}` : undefined),
  CKV_K8S_26: (c) => (c.ports?.some((port) => port.hostPort) ? 'hostPort' : undefined),
  CKV_K8S_28: (c) =>
    capabilities(c).drop?.some((cap) => ['ALL', 'NET_RAW'].includes(cap)) ? undefined : 'NET_RAW not dropped',
  CKV_K8S_30: (c) => (c.securityContext ? undefined : 'no container securityContext'),
  CKV_K8S_31: (c, w) =>
    ['RuntimeDefault', 'Localhost'].includes(effective(c, w.pod, 'seccompProfile')?.type ?? '')
      ? undefined
      : 'no RuntimeDefault seccomp profile',
  CKV_K8S_35: (c) =>
    c.env?.some((variable) => variable.valueFrom?.secretKeyRef) ||
    c.envFrom?.some((source) => source.secretRef)
      ? 'secrets in environment variables'
      : undefined,
  CKV_K8S_37: (c) => (capabilities(c).drop?.includes('ALL') ? undefined : 'capabilities not dropped (ALL)'),
  CKV_K8S_39: (c) => (capabilities(c).add?.includes('SYS_ADMIN') ? 'adds SYS_ADMIN' : undefined),
  CKV_K8S_40: (c, w) =>
    (effective(c, w.pod, 'runAsUser') ?? 0) >= 10000 ? undefined : 'runAsUser below 10000',
  CKV_K8S_43: (c) =>
    /@sha256:[0-9a-f]{64}$/.test(c.image ?? '') ? undefined : `image ${c.image} not pinned by digest`,
};

const podChecks: Record<string, PodCheck> = {
  CKV_K8S_17: (pod) => (pod.hostPID ? 'hostPID' : undefined),
  CKV_K8S_18: (pod) => (pod.hostIPC ? 'hostIPC' : undefined),
  CKV_K8S_19: (pod) => (pod.hostNetwork ? 'hostNetwork' : undefined),
  CKV_K8S_27: (pod) =>
    pod.volumes?.some((volume) => volume.hostPath?.path?.endsWith('docker.sock'))
      ? 'mounts docker.sock'
      : undefined,
  CKV_K8S_29: (pod) => (pod.securityContext ? undefined : 'no pod securityContext'),
  CKV_K8S_38: (pod) =>
    pod.automountServiceAccountToken === false ? undefined : 'service account token mounted',
  CKV_K8S_41: (pod) =>
    pod.serviceAccountName && pod.serviceAccountName !== 'default'
      ? undefined
      : 'runs as the default service account',
};

/** A label selector's matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist) against labels. */
export function selects(
  selector: {
    matchLabels?: Record<string, string>;
    matchExpressions?: { key: string; operator: string; values?: string[] }[];
  },
  labels: Record<string, string>,
): boolean {
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  const byExpression = (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    if (operator === 'In') return values.includes(labels[key]);
    if (operator === 'NotIn') return !values.includes(labels[key]);
    if (operator === 'Exists') return key in labels;
    return !(key in labels);
  });
  return byLabel && byExpression;
}

function unselectedByNetworkPolicy(workload: Workload, objects: K8sObject[]): string | undefined {
  const covered = objects.some(
    (policy) =>
      policy.kind === 'NetworkPolicy' &&
      policy.metadata.namespace === workload.object.metadata.namespace &&
      selects(policy.spec.podSelector, workload.podLabels),
  );
  return covered ? undefined : 'no NetworkPolicy selects its pods';
}

export function securityFindings(objects: K8sObject[]): Finding[] {
  const findings: Finding[] = [];
  const report = (check: string, object: K8sObject, detail: string | undefined) => {
    if (detail) findings.push({ check, resource: resourceId(object), detail });
  };
  for (const object of objects) {
    const namespaced = !['Namespace', 'ClusterRole', 'ClusterRoleBinding'].includes(object.kind);
    if (namespaced && (object.metadata.namespace ?? 'default') === 'default')
      report('CKV_K8S_21', object, 'default namespace');
  }
  for (const workload of workloads(objects)) {
    const { object, pod } = workload;
    for (const [check, run] of Object.entries(podChecks)) report(check, object, run(pod));
    for (const container of [...(pod.initContainers ?? []), ...pod.containers]) {
      for (const [check, run] of Object.entries(containerChecks)) {
        const detail = run(container, workload);
        report(check, object, detail && `${container.name}: ${detail}`);
      }
    }
    report('CKV2_K8S_6', object, unselectedByNetworkPolicy(workload, objects));
  }
  return findings;
}
