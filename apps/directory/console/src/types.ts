/** The admin API's shapes, as the console reads them (the directory's IdpView, SyncRunView, ConnectivityReport). */
export interface Idp {
  id: string;
  name: string;
  description: string;
  status: 'enabled' | 'closed';
  platform: 'feishu' | 'lark';
  autoSync: boolean;
  syncUserInfo: boolean;
  syncIntervalHours: number;
  scope: { mode: 'all' } | { mode: 'partial'; departmentIds: string[]; groupIds: string[] };
  requestUrl: string;
  redirectUrl: string;
  version: number;
}

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'held' | 'rejected' | 'superseded';

export interface SyncRun {
  id: string;
  idpId: string;
  trigger: string;
  status: RunStatus;
  dryRun: boolean;
  progress: Record<string, number>;
  counts: Record<string, number>;
  drift: number;
  errors: { message: string; code?: number; endpoint?: string }[];
  pendingDeactivations: { entity: string; entityId: string; name: string; status: string }[] | null;
  requestedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
}

export interface ConnectivityReport {
  ok: boolean;
  checks: { name: string; ok: boolean; detail: string; fix?: string }[];
}

export const ACTIVE_STATUSES: readonly RunStatus[] = ['queued', 'running'];

export const CREDENTIAL_ROLES = ['admin', 'operator', 'viewer', 'policy-reader'] as const;
export type CredentialRole = (typeof CREDENTIAL_ROLES)[number];

/** The directory's ApiCredential: never its secret, which only the creation's answer carries. */
export interface ApiCredential {
  id: string;
  name: string;
  role: CredentialRole;
  idpIds: string[] | null;
  enterpriseId: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface AuditRecord {
  id: string;
  at: string;
  action: string;
  idpId: string | null;
  targetId: string | null;
  credential: { id: string; name: string };
  address: string | null;
  before: unknown;
  after: unknown;
  details: Record<string, unknown> | null;
}

/** The directory's EnterpriseView: `authIdentifier` is what users type into the SASE client. */
export interface Enterprise {
  id: string;
  name: string;
  authIdentifier: string;
  redirectSchemes: string[];
  isDefault: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}
