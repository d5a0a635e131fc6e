import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { KubernetesSchemas } from './kubernetes-schemas';
import { find, K8sObject, KUBERNETES_DIR, OVERLAYS, render, resourceId } from './rendered-manifests';
import { Finding, securityFindings } from './security-checks';

interface Waiver {
  check: string;
  resources: string[];
  reason: string;
}

const waivers = parse(readFileSync(join(KUBERNETES_DIR, 'security-waivers.yaml'), 'utf8')) as Waiver[];
const schemas = new KubernetesSchemas();
const rendered = new Map(OVERLAYS.map((overlay) => [overlay, render(join('overlays', overlay))]));

const waived = (finding: Finding) =>
  waivers.some((waiver) => waiver.check === finding.check && waiver.resources.includes(finding.resource));

describe.each(OVERLAYS)('the Kubernetes overlay %s', (overlay) => {
  const objects = rendered.get(overlay)!;

  it('should validate every object against the Kubernetes 1.32 API and the CRDs it uses, unknown fields refused', () => {
    const invalid = objects
      .map((object) => ({ resource: resourceId(object), errors: schemas.errors(object) }))
      .filter(({ errors }) => errors.length > 0);
    expect(invalid).toEqual([]);
  });

  it('should pass the security scan, but for the waivers in deploy/kubernetes/security-waivers.yaml', () => {
    expect(securityFindings(objects).filter((finding) => !waived(finding))).toEqual([]);
  });
});

describe('the security waivers', () => {
  it('should each give a reason and match a finding of some overlay', () => {
    const findings = [...rendered.values()].flatMap(securityFindings);
    const stale = waivers.flatMap((waiver) =>
      waiver.resources
        .filter((resource) => !findings.some((f) => f.check === waiver.check && f.resource === resource))
        .map((resource) => `${waiver.check} ${resource}`),
    );
    expect(stale).toEqual([]);
    expect(waivers.filter((waiver) => (waiver.reason ?? '').length < 40)).toEqual([]);
  });
});

describe('the checks themselves', () => {
  const deployment = find(rendered.get(OVERLAYS[0])!, 'Deployment', 'larksync-directory');
  const container = deployment.spec.template.spec.containers[0];
  const withContainer = (change: Record<string, unknown>): K8sObject => ({
    ...deployment,
    spec: {
      ...deployment.spec,
      template: {
        ...deployment.spec.template,
        spec: { ...deployment.spec.template.spec, containers: [{ ...container, ...change }] },
      },
    },
  });

  it.each([
    ['a misspelt field', { readinesProbe: container.readinessProbe }, /additional properties.*readinesProbe/],
    ['a wrong type', { ports: [{ containerPort: '8081' }] }, /containerPort must be integer/],
    ['a missing required field', { name: undefined }, /required property 'name'/],
  ])('should refuse %s in a container', (_case, change, message) => {
    expect(schemas.errors(withContainer(change)).join('\n')).toMatch(message);
  });

  it('should refuse a misspelt field in a custom resource', () => {
    const topic = rendered.get('strimzi')!.find((object) => object.kind === 'KafkaTopic')!;
    expect(schemas.errors({ ...topic, spec: { ...topic.spec, partitons: 6 } })).toEqual([
      expect.stringMatching(/additional properties.*partitons/),
    ]);
  });

  it('should refuse a kind it has no schema for', () => {
    expect(schemas.errors({ ...deployment, apiVersion: 'apps/v1beta1' })).toEqual([
      'no schema for apps/v1beta1 Deployment',
    ]);
  });

  it.each([
    ['CKV_K8S_9', { readinessProbe: undefined }],
    ['CKV_K8S_13', { resources: { requests: container.resources.requests, limits: { cpu: '1' } } }],
    ['CKV_K8S_20', { securityContext: { ...container.securityContext, allowPrivilegeEscalation: true } }],
    ['CKV_K8S_22', { securityContext: { ...container.securityContext, readOnlyRootFilesystem: false } }],
    [
      'CKV_K8S_25',
      {
        securityContext: {
          ...container.securityContext,
          capabilities: { drop: ['ALL'], add: ['NET_ADMIN'] },
        },
      },
    ],
    ['CKV_K8S_43', { image: 'larksync:0.1.0' }],
  ])('should report %s', (check, change) => {
    expect(securityFindings([withContainer(change)]).map((finding) => finding.check)).toContain(check);
  });
});
