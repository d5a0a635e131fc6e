import { ConfigError, loadConfig } from '@app/config';
import { topicSpecs } from '@app/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import {
  allowedPeers,
  appContainer,
  AppName,
  APPS,
  containerEnv,
  SECRET_KEYS,
  variablesRead,
} from './app-workloads';
import { find, K8sObject, KUBERNETES_DIR, OVERLAYS, render, ROOT } from './rendered-manifests';
import { selects, workloads } from './security-checks';

const APP_NAMES = Object.keys(APPS) as AppName[];
const rendered = new Map(OVERLAYS.map((overlay) => [overlay, render(join('overlays', overlay))]));
const readRepoFile = (...path: string[]) => readFileSync(join(ROOT, ...path), 'utf8');
const ofKind = (objects: K8sObject[], kind: string) => objects.filter((object) => object.kind === kind);

function configProblems(app: AppName, env: Record<string, string>): string[] {
  try {
    loadConfig(APPS[app], env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

function mebibytes(quantity: string): number {
  const match = /^(\d+)(Mi|Gi)$/.exec(quantity);
  if (!match) throw new Error(`unexpected memory quantity ${quantity}`);
  return Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1);
}

const heapCap = (command: string[]) => Number(/--max-old-space-size=(\d+)/.exec(command.join(' '))?.[1]);

describe.each(OVERLAYS)('the Kubernetes overlay %s', (overlay) => {
  const objects = rendered.get(overlay)!;

  describe.each(APP_NAMES)('%s', (app) => {
    const container = appContainer(objects, app);
    const deployment = find(objects, 'Deployment', `larksync-${app}`);

    it('should run the app with every variable its config requires, each a value the config accepts', () => {
      expect(container.command.at(-1)).toBe(`dist/apps/${app}/src/main.js`);
      expect(configProblems(app, containerEnv(container, objects))).toEqual([]);
    });

    it('should set only variables the app reads, and leave no default that points at this machine', () => {
      const env = containerEnv(container, objects);
      const read = variablesRead(APPS[app]);
      expect(Object.keys(env).filter((name) => !read.includes(name))).toEqual([]);
      const config = loadConfig(APPS[app], env);
      const loopback = Object.entries(config).filter(([, value]) =>
        /127\.0\.0\.1|localhost/.test(String(value)),
      );
      expect(loopback).toEqual([]);
    });

    it("should expose the ports of the app's config and probe its management port", () => {
      const { PORT, MANAGEMENT_PORT } = loadConfig(APPS[app], containerEnv(container, objects));
      expect(MANAGEMENT_PORT).toBeDefined();
      expect(container.ports).toEqual([
        { name: 'http', containerPort: PORT },
        { name: 'management', containerPort: MANAGEMENT_PORT },
      ]);
      expect(find(objects, 'Service', `larksync-${app}`).spec.ports).toEqual([
        { name: 'http', port: PORT, targetPort: 'http' },
        { name: 'management', port: MANAGEMENT_PORT, targetPort: 'management' },
      ]);
      expect(container.startupProbe.httpGet).toEqual({ path: '/health/live', port: 'management' });
      expect(container.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'management' });
      expect(container.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'management' });
    });

    it('should be spread across zones and covered by a disruption budget', () => {
      const podLabels = deployment.spec.template.metadata.labels;
      const spread = deployment.spec.template.spec.topologySpreadConstraints;
      expect(spread.map((constraint: { topologyKey: string }) => constraint.topologyKey)).toContain(
        'topology.kubernetes.io/zone',
      );
      const budgets = ofKind(objects, 'PodDisruptionBudget').filter((pdb) =>
        selects(pdb.spec.selector, podLabels),
      );
      expect(budgets).toHaveLength(1);
    });
  });

  it("should give the directory the Dockerfile's heap cap and a memory limit a quarter above it", () => {
    const cap = heapCap([/^CMD .*$/m.exec(readRepoFile('Dockerfile'))![0]]);
    const container = appContainer(objects, 'directory');
    expect(heapCap(container.command)).toBe(cap);
    expect(mebibytes(container.resources.limits.memory)).toBeGreaterThanOrEqual(cap * 1.25);
  });

  it('should migrate with the command of `npm run migrate`, with the migration login', () => {
    const job = find(objects, 'Job', 'larksync-migrate').spec.template.spec.containers[0];
    const migrate = (JSON.parse(readRepoFile('package.json')) as { scripts: Record<string, string> }).scripts
      .migrate;
    expect(job.command).toEqual(migrate.split(' '));
    expect(job.env).toEqual([
      {
        name: 'DATABASE_URL',
        valueFrom: { secretKeyRef: { name: 'larksync-secrets', key: 'database-url-migrate' } },
      },
    ]);
  });

  it('should mark for the first apply what the migration and the topics need, and no app', () => {
    const first = objects
      .filter((object) => object.metadata.labels?.['larksync.io/apply-first'] === 'true')
      // generated ConfigMaps' names end with a hash of their content
      .map((object) => `${object.kind}/${object.metadata.name.replace(/-[0-9a-z]{10}$/, '')}`);
    const topics = first.some((id) => id.startsWith('KafkaTopic/'))
      ? topicSpecs.map((topic) => `KafkaTopic/${topic.name}`)
      : [
          'ConfigMap/larksync-create-topics',
          'Job/larksync-create-topics',
          'NetworkPolicy/larksync-create-topics-to-kafka',
        ];
    const secrets = ofKind(objects, 'ExternalSecret').map(
      (secret) => `ExternalSecret/${secret.metadata.name}`,
    );
    expect(first.sort()).toEqual(
      [
        'Namespace/larksync',
        'ServiceAccount/larksync',
        'ConfigMap/larksync-config',
        'Job/larksync-migrate',
        ...topics,
        ...secrets,
      ].sort(),
    );
  });

  it('should run every larksync container from one image', () => {
    const images = workloads(objects)
      .flatMap(({ pod }) => pod.containers.map((container) => container.image!))
      .filter((image) => !image.startsWith('apache/kafka'));
    expect(new Set(images).size).toBe(1);
  });

  it('should reference secrets only from larksync-secrets, by the documented keys, and inline none', () => {
    expect(ofKind(objects, 'Secret')).toEqual([]);
    const references = workloads(objects).flatMap(({ pod }) =>
      pod.containers.flatMap((container) =>
        (container.env ?? []).flatMap((variable) =>
          variable.valueFrom?.secretKeyRef ? [variable.valueFrom.secretKeyRef] : [],
        ),
      ),
    ) as { name: string; key: string }[];
    expect(new Set(references.map((reference) => reference.name))).toEqual(new Set(['larksync-secrets']));
    expect([...new Set(references.map((reference) => reference.key))].sort()).toEqual(
      [...SECRET_KEYS].sort(),
    );
    for (const externalSecret of ofKind(objects, 'ExternalSecret')) {
      expect(externalSecret.spec.target.name).toBe('larksync-secrets');
      expect(externalSecret.spec.data.map((entry: { secretKey: string }) => entry.secretKey).sort()).toEqual(
        [...SECRET_KEYS].sort(),
      );
    }
  });

  it('should scale each Deployment with at most one autoscaler, and leave its replica count to it', () => {
    const targets = [
      ...ofKind(objects, 'HorizontalPodAutoscaler').map((hpa) => hpa.spec.scaleTargetRef.name),
      ...ofKind(objects, 'ScaledObject').map((scaledObject) => scaledObject.spec.scaleTargetRef.name),
    ];
    expect(targets.filter((name, index) => targets.indexOf(name) !== index)).toEqual([]);
    for (const name of targets) expect(find(objects, 'Deployment', name).spec.replicas).toBeUndefined();
    expect(targets).toEqual(
      expect.arrayContaining(['larksync-ingress-gateway', 'larksync-policy-projector']),
    );
  });

  it("should scale consumers on lag of the topics and groups they consume, up to the topics' partitions", () => {
    for (const scaledObject of ofKind(objects, 'ScaledObject')) {
      const app = scaledObject.spec.scaleTargetRef.name.replace(/^larksync-/, '') as AppName;
      const env = containerEnv(appContainer(objects, app), objects);
      const group = (loadConfig(APPS[app], env) as Partial<{ KAFKA_CONSUMER_GROUP: string }>)
        .KAFKA_CONSUMER_GROUP;
      const lagTriggers = scaledObject.spec.triggers.filter(
        (trigger: { type: string }) => trigger.type === 'kafka',
      );
      expect(lagTriggers.length).toBeGreaterThan(0);
      for (const { metadata } of lagTriggers) {
        expect(metadata).toMatchObject({ consumerGroup: group, bootstrapServersFromEnv: 'KAFKA_BROKERS' });
        expect(metadata.allowIdleConsumers).not.toBe('true');
        const topic = topicSpecs.find((spec) => spec.name === metadata.topic)!;
        expect(topic).toBeDefined();
        const onlyLag = lagTriggers.length === scaledObject.spec.triggers.length;
        if (onlyLag) expect(scaledObject.spec.maxReplicaCount).toBeLessThanOrEqual(topic.partitions);
      }
    }
  });

  it('should let in only what each app serves: Lark and browsers to the gateway, the policy engine to the projector, admins to the directory', () => {
    const metrics = 'monitoring TCP/management';
    const ingress = Object.fromEntries(
      APP_NAMES.map((app) => [app, allowedPeers(objects, { 'app.kubernetes.io/name': app }, 'Ingress')]),
    );
    expect(ingress).toEqual({
      'ingress-gateway': ['ingress-nginx TCP/8080', metrics],
      directory: ['192.0.2.0/24 TCP/8081', metrics],
      scheduler: [metrics],
      'policy-projector': [metrics, 'sase-policy-engine TCP/8083'],
    });
  });

  it('should let out only DNS, Kafka, PostgreSQL, the OTel collector, and Lark for the apps that call it', () => {
    const common = [
      '198.51.100.10/32 TCP/5432',
      'kafka TCP/9092',
      'kube-system {"k8s-app":"kube-dns"} TCP/53',
      'kube-system {"k8s-app":"kube-dns"} UDP/53',
      'observability TCP/4318',
    ];
    const lark = '0.0.0.0/0 (but private ranges) TCP/443';
    const egress = (name: string) => allowedPeers(objects, { 'app.kubernetes.io/name': name }, 'Egress');
    expect(egress('ingress-gateway')).toEqual([lark, ...common].sort());
    expect(egress('directory')).toEqual([lark, ...common].sort());
    expect(egress('scheduler')).toEqual(common);
    expect(egress('policy-projector')).toEqual(common);
    expect(egress('migrate')).toEqual(common.filter((peer) => !/kafka|observability/.test(peer)));
  });

  it("should route only the gateway's public paths, over TLS, with a 1 MiB body limit and webhook timeouts within Lark's 3 s", () => {
    const ingresses = ofKind(objects, 'Ingress');
    const paths = ingresses.flatMap((ingress) =>
      ingress.spec.rules.flatMap(
        (rule: { host: string; http: { paths: { path: string; backend: unknown }[] } }) => {
          expect(ingress.spec.tls.flatMap((tls: { hosts: string[] }) => tls.hosts)).toContain(rule.host);
          return rule.http.paths.map(({ path, backend }) => {
            expect(backend).toEqual({
              service: { name: 'larksync-ingress-gateway', port: { name: 'http' } },
            });
            return path;
          });
        },
      ),
    );
    expect(paths.sort()).toEqual(['/.well-known/jwks.json', '/lark/events', '/open-dev/feishu', '/sso']);
    for (const ingress of ingresses)
      expect(ingress.metadata.annotations!['nginx.ingress.kubernetes.io/proxy-body-size']).toBe('1m');
    const webhooks = find(objects, 'Ingress', 'larksync-gateway-webhooks').metadata.annotations!;
    expect(Number(webhooks['nginx.ingress.kubernetes.io/proxy-read-timeout'])).toBeLessThanOrEqual(3);
  });

  it('should name Services larksync-<app>, the scrape jobs the alert rules match', () => {
    for (const service of ofKind(objects, 'Service')) expect(service.metadata.name).toMatch(/^larksync-/);
  });
});

describe('the topics on Kubernetes', () => {
  const strimziTopics = parseAllDocuments(
    readFileSync(join(KUBERNETES_DIR, 'components', 'strimzi-topics', 'kafka-topics.yaml'), 'utf8'),
  ).map((document) => document.toJS() as K8sObject);
  const scriptTopics = [
    ...readFileSync(
      join(KUBERNETES_DIR, 'components', 'kafka-topics-job', 'create-topics.sh'),
      'utf8',
    ).matchAll(/^topic (\S+) (\d+) (\S+)$/gm),
  ].map(([, name, partitions, config]) => ({
    name,
    partitions: Number(partitions),
    config: Object.fromEntries(config.split(',').map((entry) => entry.split('='))),
  }));
  const stringValues = (config: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(config).map(([key, value]) => [key, String(value)]));

  it('should be those of libs/contracts, with their partitions, compacted exactly where the contract says', () => {
    const asKafkaTopics = strimziTopics.map((topic) => ({
      name: topic.metadata.name,
      partitions: topic.spec.partitions,
      compacted: topic.spec.config['cleanup.policy'] === 'compact',
    }));
    expect(asKafkaTopics).toEqual(topicSpecs);
  });

  it('should keep two in-sync replicas of three, and retain lark.events.v1 and the dead letters for days', () => {
    for (const topic of strimziTopics) {
      expect(topic.spec.replicas).toBe(3);
      expect(topic.spec.config['min.insync.replicas']).toBe(2);
    }
    const retention = (name: string) => find(strimziTopics, 'KafkaTopic', name).spec.config['retention.ms'];
    expect(retention('lark.events.v1')).toBeGreaterThanOrEqual(7 * 24 * 3600 * 1000);
    for (const spec of topicSpecs.filter((topic) => topic.name.endsWith('.dlq')))
      expect(retention(spec.name)).toBeGreaterThanOrEqual(7 * 24 * 3600 * 1000);
  });

  it('should be created with the same settings by the one-off command for clusters without Strimzi', () => {
    expect(scriptTopics).toEqual(
      strimziTopics.map((topic) => ({
        name: topic.metadata.name,
        partitions: topic.spec.partitions,
        config: stringValues(topic.spec.config),
      })),
    );
  });
});

describe('monitoring on Kubernetes', () => {
  const objects = rendered.get('strimzi')!;

  it('should carry deploy/prometheus/larksync-alerts.yml as the PrometheusRule, unchanged', () => {
    const rules = parse(readRepoFile('deploy', 'prometheus', 'larksync-alerts.yml')) as { groups: unknown };
    expect(find(objects, 'PrometheusRule', 'larksync-alerts').spec).toEqual(rules);
  });

  it('should carry deploy/grafana/larksync-dashboard.json for the Grafana sidecar, unchanged', () => {
    const configMap = find(objects, 'ConfigMap', 'larksync-grafana-dashboard');
    expect(configMap.metadata.labels).toMatchObject({ grafana_dashboard: '1' });
    expect(configMap.data['larksync-dashboard.json']).toBe(
      readRepoFile('deploy', 'grafana', 'larksync-dashboard.json'),
    );
  });

  it("should scrape every app's Service", () => {
    const [monitor] = ofKind(objects, 'ServiceMonitor');
    const services = ofKind(objects, 'Service').filter((service) =>
      selects(monitor.spec.selector, service.metadata.labels ?? {}),
    );
    expect(services.map((service) => service.metadata.name).sort()).toEqual(
      APP_NAMES.map((app) => `larksync-${app}`).sort(),
    );
    expect(monitor.spec.endpoints).toEqual([{ port: 'management', path: '/metrics', interval: '30s' }]);
  });
});
