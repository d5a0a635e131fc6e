/** What one app may do in the database: write the tables it owns, read the views granted to it, nothing else. */
export interface AppDatabaseAccess {
  /** Its NOLOGIN group role; the app connects as a LOGIN member of it. */
  role: string;
  /** Tables only this app writes (SELECT, INSERT, UPDATE, DELETE, TRUNCATE, and their sequences). */
  owns: readonly string[];
  /** Views of other apps' tables it may read (SELECT only): `read-models/`. */
  reads: readonly string[];
}

/**
 * Each app's database role, tables and views, as migration CreateAppRoles grants them and the README's
 * architecture section lists them; `app-roles.int-spec` fails when the database, this map or the README differ,
 * or when a table or view is in none of them.
 */
export const APP_DATABASE_ACCESS = {
  'ingress-gateway': {
    role: 'larksync_gateway',
    owns: ['sso_signing_key', 'sso_client_code'],
    reads: ['idp_lark_connection', 'sign_in_standing', 'enterprise_identity_source'],
  },
  directory: {
    role: 'larksync_directory',
    owns: [
      'idp',
      'department',
      'directory_user',
      'processed_event',
      'change_log',
      'outbox',
      'sync_run',
      'api_credential',
      'audit_record',
      'enterprise',
    ],
    reads: ['api_credential_verification'],
  },
  scheduler: {
    role: 'larksync_scheduler',
    owns: ['schedule_slot'],
    reads: ['idp_sync_schedule', 'idp_sync_failure_streak'],
  },
  'policy-projector': {
    role: 'larksync_projector',
    owns: ['projection_idp', 'projection_department', 'projection_subject'],
    reads: ['api_credential_verification'],
  },
} as const satisfies Record<string, AppDatabaseAccess>;

export type AppName = keyof typeof APP_DATABASE_ACCESS;

/** The privileges an app holds on each table it owns, and on each view it reads. */
export const OWNED_TABLE_PRIVILEGES = ['DELETE', 'INSERT', 'SELECT', 'TRUNCATE', 'UPDATE'] as const;
export const READ_MODEL_PRIVILEGES = ['SELECT'] as const;
