import { Client } from 'pg';
import { APP_DATABASE_ACCESS, AppName } from '@app/persistence';

/**
 * Password of the local LOGIN roles below: they exist only on throw-away and local servers (the local launcher's
 * PostgreSQL, an embedded one, a test container), and can reach only what their group role is granted.
 */
export const LOCAL_APP_LOGIN_PASSWORD = 'larksync-local';

const ensured = new Map<string, Promise<void>>();

/**
 * The URL on which `app` connects as itself: `ownerUrl` (the migration user's) with the user `<role>_local`, a
 * LOGIN member of the app's group role, created on first use. Run the migrations first: they create the group
 * roles. Roles are cluster-wide while test databases are per run, so this is idempotent and safe when several
 * runs share a server.
 */
export async function appDatabaseUrl(app: AppName, ownerUrl: string): Promise<string> {
  const { role } = APP_DATABASE_ACCESS[app];
  const login = `${role}_local`;
  const url = new URL(ownerUrl);
  const key = `${url.host}/${login}`;
  let done = ensured.get(key);
  if (!done) {
    done = ensureLogin(ownerUrl, login, role);
    ensured.set(key, done);
    done.catch(() => ensured.delete(key));
  }
  await done;
  url.username = login;
  url.password = LOCAL_APP_LOGIN_PASSWORD;
  return url.toString();
}

async function ensureLogin(ownerUrl: string, login: string, role: string): Promise<void> {
  const client = new Client({ connectionString: ownerUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const [{ exists }] = (
      await client.query('SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = $1)', [role])
    ).rows;
    if (!exists) throw new Error(`role ${role} does not exist: run the migrations before appDatabaseUrl`);
    // Names from APP_DATABASE_ACCESS only; the password is a literal because CREATE ROLE takes no parameters.
    // Each step on its own: a run that made the same role or grant at the same moment has committed it once
    // ours fails, so either way both hold afterwards.
    await client.query(`
      DO $$
      BEGIN
        BEGIN
          IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${login}') THEN
            CREATE ROLE ${login} LOGIN PASSWORD '${LOCAL_APP_LOGIN_PASSWORD}';
          END IF;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
          NULL;
        END;
        BEGIN
          IF NOT pg_has_role('${login}', '${role}', 'MEMBER') THEN
            GRANT ${role} TO ${login};
          END IF;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
          NULL;
        END;
      END $$`);
  } finally {
    await client.end();
  }
}
