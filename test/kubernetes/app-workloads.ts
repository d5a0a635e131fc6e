import { ListeningEnv } from '@app/config';
import { getMetadataStorage } from 'class-validator';
import { DirectoryEnv } from '../../apps/directory/src/config/directory.config';
import { IngressGatewayEnv } from '../../apps/ingress-gateway/src/config/ingress-gateway.config';
import { PolicyProjectorEnv } from '../../apps/policy-projector/src/config/policy-projector.config';
import { SchedulerEnv } from '../../apps/scheduler/src/config/scheduler.config';
import { find, K8sObject } from './rendered-manifests';
import { selects } from './security-checks';

export type AppName = 'ingress-gateway' | 'directory' | 'scheduler' | 'policy-projector';

/** Each app's config schema, as its main.ts loads it. */
export const APPS: Record<AppName, new () => ListeningEnv> = {
  'ingress-gateway': IngressGatewayEnv,
  directory: DirectoryEnv,
  scheduler: SchedulerEnv,
  'policy-projector': PolicyProjectorEnv,
};

/** The keys of `larksync-secrets`: docs/deploy-kubernetes.md lists them for whoever creates the Secret. */
export const SECRET_KEYS = [
  'master-key',
  'admin-token',
  'database-url-gateway',
  'database-url-directory',
  'database-url-scheduler',
  'database-url-policy-projector',
  'database-url-migrate',
];

/** Values of the shape each Secret key must hold, standing in for the real ones. */
export function sampleSecret(key: string): string {
  if (key === 'master-key') return Buffer.alloc(32, 7).toString('base64');
  if (key === 'admin-token') return 'an-admin-token-of-some-length';
  if (key.startsWith('database-url-')) return `postgres://${key.slice(13)}@postgres.example:5432/larksync`;
  throw new Error(`the Secret larksync-secrets has no key ${key}`);
}

export function appContainer(objects: K8sObject[], app: AppName) {
  return find(objects, 'Deployment', `larksync-${app}`).spec.template.spec.containers[0];
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    configMapKeyRef?: { name: string; key: string };
    secretKeyRef?: { name: string; key: string };
  };
}

/** The environment a container starts with: ConfigMap keys read from the rendered ConfigMaps. */
export function containerEnv(container: { env?: EnvVar[] }, objects: K8sObject[]): Record<string, string> {
  const resolve = ({ name, value, valueFrom }: EnvVar): string => {
    if (value !== undefined) return value;
    if (valueFrom?.configMapKeyRef) {
      const { name: configMap, key } = valueFrom.configMapKeyRef;
      const data: Record<string, string> = find(objects, 'ConfigMap', configMap).data ?? {};
      if (!(key in data)) throw new Error(`${name}: ConfigMap ${configMap} has no key ${key}`);
      return data[key];
    }
    if (valueFrom?.secretKeyRef?.name === 'larksync-secrets') return sampleSecret(valueFrom.secretKeyRef.key);
    throw new Error(`${name}: no value the test can resolve`);
  };
  return Object.fromEntries((container.env ?? []).map((variable) => [variable.name, resolve(variable)]));
}

/** Every variable a config schema reads (those with a default and the optional ones alike). */
export function variablesRead(schema: new () => object): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(schema, schema.name, true, false);
  return [...new Set(metadata.map((entry) => entry.propertyName))];
}

interface PolicyPeer {
  namespaceSelector?: { matchLabels?: Record<string, string> };
  podSelector?: { matchLabels?: Record<string, string> };
  ipBlock?: { cidr: string; except?: string[] };
}

interface PolicyRule {
  from?: PolicyPeer[];
  to?: PolicyPeer[];
  ports?: { protocol?: string; port?: number | string }[];
}

function describePeer(peer: PolicyPeer): string {
  if (peer.ipBlock) return `${peer.ipBlock.cidr}${peer.ipBlock.except ? ' (but private ranges)' : ''}`;
  const namespace = peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] ?? 'this namespace';
  const pods = peer.podSelector ? ` ${JSON.stringify(peer.podSelector.matchLabels)}` : '';
  return `${namespace}${pods}`;
}

/** What the NetworkPolicies let reach pods with these labels (`Ingress`), or let them reach (`Egress`). */
export function allowedPeers(
  objects: K8sObject[],
  podLabels: Record<string, string>,
  direction: 'Ingress' | 'Egress',
) {
  const policies = objects.filter(
    (object) =>
      object.kind === 'NetworkPolicy' &&
      object.spec.policyTypes.includes(direction) &&
      selects(object.spec.podSelector, podLabels),
  );
  return policies
    .flatMap((policy) => (direction === 'Ingress' ? policy.spec.ingress : policy.spec.egress) ?? [])
    .flatMap((rule: PolicyRule) => {
      // A rule without peers admits every peer; without ports, every port.
      const peers = (direction === 'Ingress' ? rule.from : rule.to)?.map(describePeer) ?? ['anywhere'];
      const ports = rule.ports?.map((port) => `${port.protocol ?? 'TCP'}/${port.port}`) ?? ['any port'];
      return peers.flatMap((peer) => ports.map((port) => `${peer} ${port}`));
    })
    .sort();
}
