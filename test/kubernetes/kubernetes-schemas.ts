import Ajv, { ValidateFunction } from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { K8sObject, KUBERNETES_DIR } from './rendered-manifests';

type Schema = Record<string, unknown>;

const SCHEMAS_DIR = join(KUBERNETES_DIR, 'schemas');
const OBJECT_META = 'kubernetes#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

interface VendoredCrd {
  group: string;
  kind: string;
  versions: { name: string; schema: Schema }[];
}

/**
 * Like the API server with `--validate=strict` (kubectl's default): a field the schema does not name is an
 * error. Objects with properties get `additionalProperties: false` unless they keep unknown fields.
 */
function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (schema === null || typeof schema !== 'object') return schema;
  const copy = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, strict(value)]));
  const closed =
    'properties' in copy &&
    !('additionalProperties' in copy) &&
    copy['x-kubernetes-preserve-unknown-fields'] !== true;
  return closed ? { ...copy, additionalProperties: false } : copy;
}

/** CRD patterns are Go (RE2) expressions; JavaScript lacks RE2's inline flag `(?i)` (used at the start). */
const CASELESS = /^(\^?)\(\?i\)/;
const goRegExp = Object.assign(
  (pattern: string, flags: string): RegExp =>
    CASELESS.test(pattern)
      ? new RegExp(pattern.replace(CASELESS, '$1'), `${flags}i`)
      : new RegExp(pattern, flags),
  { code: 'goRegExp' }, // the name Ajv would print in standalone code, which is not generated here
);

function apiVersion({ group, version }: { group: string; version: string }): string {
  return group === '' ? version : `${group}/${version}`;
}

/** Validates objects against the vendored Kubernetes 1.32 OpenAPI schemas and the vendored CRD schemas. */
export class KubernetesSchemas {
  private readonly validators = new Map<string, ValidateFunction>();

  constructor() {
    const ajv = new Ajv({
      strict: false,
      allErrors: true,
      validateFormats: false,
      code: { regExp: goRegExp },
    });
    const kubernetes = JSON.parse(readFileSync(join(SCHEMAS_DIR, 'kubernetes-1.32.json'), 'utf8')) as {
      components: { schemas: Record<string, Schema> };
    };
    ajv.addSchema(strict(kubernetes) as Schema, 'kubernetes');
    for (const [name, schema] of Object.entries(kubernetes.components.schemas)) {
      const kinds = (schema['x-kubernetes-group-version-kind'] ?? []) as GroupVersionKind[];
      for (const gvk of kinds) {
        const ref = { $ref: `kubernetes#/components/schemas/${name}` };
        this.validators.set(`${apiVersion(gvk)} ${gvk.kind}`, ajv.compile(ref));
      }
    }
    for (const file of readdirSync(join(SCHEMAS_DIR, 'crds'))) {
      const crd = JSON.parse(readFileSync(join(SCHEMAS_DIR, 'crds', file), 'utf8')) as VendoredCrd;
      for (const version of crd.versions) {
        const schema = strict(version.schema) as { properties: Schema };
        const withMeta = { ...schema, properties: { ...schema.properties, metadata: { $ref: OBJECT_META } } };
        this.validators.set(
          `${apiVersion({ group: crd.group, version: version.name })} ${crd.kind}`,
          ajv.compile(withMeta),
        );
      }
    }
  }

  /** The object's schema violations, or a note that no vendored schema knows its kind. */
  errors(object: K8sObject): string[] {
    const validate = this.validators.get(`${object.apiVersion} ${object.kind}`);
    if (!validate) return [`no schema for ${object.apiVersion} ${object.kind}`];
    if (validate(object)) return [];
    return (validate.errors ?? []).map(
      (error) =>
        `${error.instancePath || '/'} ${error.message ?? error.keyword} ${JSON.stringify(error.params)}`,
    );
  }
}
