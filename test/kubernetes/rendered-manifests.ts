import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

export const ROOT = join(__dirname, '..', '..');
export const KUBERNETES_DIR = join(ROOT, 'deploy', 'kubernetes');

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  // Each kind's own fields; the specs read them as the kind's schema describes.
  [field: string]: any;
}

/** The example overlays: each is rendered and checked whole. */
export const OVERLAYS = readdirSync(join(KUBERNETES_DIR, 'overlays'));

const KUBECTL_MISSING =
  'kubectl was not found on PATH. The Kubernetes manifest tests render deploy/kubernetes with ' +
  '`kubectl kustomize` (kubectl 1.27 or newer, which has kustomize 5 built in): install kubectl.';

/** The objects `kubectl kustomize` renders for `deploy/kubernetes/<dir>`, as `kubectl apply -k` would send them. */
export function render(dir: string): K8sObject[] {
  let output: string;
  try {
    output = execFileSync('kubectl', ['kustomize', join(KUBERNETES_DIR, dir)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(KUBECTL_MISSING);
    throw error;
  }
  return parseAllDocuments(output).map((document) => {
    if (document.errors.length > 0) throw document.errors[0];
    return document.toJS() as K8sObject;
  });
}

export function resourceId(object: K8sObject): string {
  return [object.kind, object.metadata.namespace, object.metadata.name].filter(Boolean).join('/');
}

export function find(objects: K8sObject[], kind: string, name: string): K8sObject {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  if (!found) throw new Error(`${kind}/${name} is not rendered`);
  return found;
}
