import { randomUUID } from 'node:crypto';
import { createLogger } from '@app/logging';
import { runMigrations } from '@app/persistence';
import { startDirectoryApp, TEST_ADMIN_TOKEN, TestDirectoryApp } from '../testing/directory-app';
import { AuditRetentionService } from './audit-retention.service';

const SECRETS = {
  appSecret: 'audit-app-secret-VALUE-71',
  encryptKey: 'audit-encrypt-KEY-72',
  verificationToken: 'audit-verify-TOKEN-73',
};
const NEW_APP_SECRET = 'audit-rotated-SECRET-74';

describe('audit trail of admin actions (real PostgreSQL)', () => {
  let directory: TestDirectoryApp;
  const issuedSecrets: string[] = [];

  async function call(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    token = TEST_ADMIN_TOKEN,
  ) {
    const response = await directory.app.inject({
      method,
      url,
      payload: payload as object,
      remoteAddress: '192.0.2.7',
      headers: { authorization: `Bearer ${token}`, 'x-request-id': `audit-${randomUUID()}` },
    });
    return {
      status: response.statusCode,
      body: response.body ? JSON.parse(response.body) : undefined,
      requestId: response.headers['x-request-id'],
    };
  }

  async function recordsOf(idpOrTarget: string): Promise<Record<string, any>[]> {
    return directory.dataSource.query(
      `SELECT * FROM audit_record WHERE idp_id::text = $1 OR target_id = $1 ORDER BY id`,
      [idpOrTarget],
    );
  }

  async function credential(role: string): Promise<{ id: string; secret: string }> {
    const { status, body } = await call('POST', '/api/credentials', {
      name: `audit-${role}-${randomUUID().slice(0, 6)}`,
      role,
    });
    expect(status).toBe(201);
    issuedSecrets.push(body.secret);
    return body;
  }

  beforeAll(async () => {
    await runMigrations(process.env.DATABASE_URL!);
    directory = await startDirectoryApp(createLogger('audit-int', 'silent'));
  });

  afterAll(async () => {
    await directory?.app.close();
  });

  it('should record each IdP action once, with who, where, which request and what changed', async () => {
    const created = await call('POST', '/api/idps', {
      name: `审计-${randomUUID().slice(0, 6)}`,
      appId: 'cli_audit1',
      ...SECRETS,
    });
    expect(created.status).toBe(201);
    const idpId: string = created.body.id;
    expect(created.requestId).toMatch(/^audit-/);
    expect(await recordsOf(idpId)).toEqual([
      expect.objectContaining({
        action: 'idp.created',
        idp_id: idpId,
        credential_id: 'bootstrap',
        credential_name: 'LARKSYNC_ADMIN_TOKEN',
        address: '192.0.2.7',
        request_id: created.requestId,
        before: null,
        after: expect.objectContaining({ id: idpId, status: 'enabled' }),
        details: { credentialFieldsSet: ['appId', 'appSecret', 'encryptKey', 'verificationToken'] },
      }),
    ]);

    expect(
      (await call('PATCH', `/api/idps/${idpId}`, { appSecret: NEW_APP_SECRET, description: 'rotated' }))
        .status,
    ).toBe(200);
    expect((await call('PATCH', `/api/idps/${idpId}`, { status: 'closed' })).status).toBe(200);
    expect((await call('DELETE', `/api/idps/${idpId}`)).status).toBe(409);
    expect((await call('DELETE', `/api/idps/${idpId}?confirm=true`)).status).toBe(200);
    const records = await recordsOf(idpId);
    expect(records.map((record) => record.action)).toEqual([
      'idp.created',
      'idp.updated',
      'idp.closed',
      'idp.deleted',
    ]);
    expect(records[1]).toMatchObject({
      before: { description: '' },
      after: { description: 'rotated' },
      details: { credentialFieldsChanged: ['appSecret'] },
    });
    expect(records[2]).toMatchObject({ before: { status: 'enabled' }, after: { status: 'closed' } });
  });

  it('should record nothing for an invalid, refused or failed action', async () => {
    const viewer = await credential('viewer');
    const name = `拒绝-${randomUUID().slice(0, 6)}`;
    const before = await directory.dataSource.query(`SELECT max(id) AS max FROM audit_record`);
    expect((await call('POST', '/api/idps', { name, appId: 'not-an-app-id', ...SECRETS })).status).toBe(400);
    expect(
      (await call('POST', '/api/idps', { name, appId: 'cli_audit2', ...SECRETS }, viewer.secret)).status,
    ).toBe(403);
    expect(
      (await call('POST', '/api/idps', { name, appId: 'cli_audit2', ...SECRETS }, 'lsk_wrong')).status,
    ).toBe(401);
    expect((await call('DELETE', `/api/credentials/${randomUUID()}`)).status).toBe(404);
    expect((await call('POST', `/api/idps/${randomUUID()}/sync`)).status).toBe(404);
    const after = await directory.dataSource.query(`SELECT max(id) AS max FROM audit_record`);
    expect(after[0].max).toBe(before[0].max);
  });

  it('should record a credential created and revoked, once each, never its secret', async () => {
    const operator = await credential('operator');
    expect((await call('DELETE', `/api/credentials/${operator.id}`)).status).toBe(200);
    expect((await call('DELETE', `/api/credentials/${operator.id}`)).status).toBe(409);
    const records = await recordsOf(operator.id);
    expect(records.map((record) => [record.action, record.after.revokedAt === null])).toEqual([
      ['credential.created', true],
      ['credential.revoked', false],
    ]);
  });

  it('should never hold a secret value in any record', async () => {
    const dump: { text: string }[] = await directory.dataSource.query(
      `SELECT row_to_json(a)::text AS text FROM audit_record a`,
    );
    const text = dump.map((row) => row.text).join('\n');
    expect(text.length).toBeGreaterThan(0);
    for (const secret of [...Object.values(SECRETS), NEW_APP_SECRET, ...issuedSecrets, TEST_ADMIN_TOKEN])
      expect(text).not.toContain(secret);
    expect(text).not.toMatch(/secret_sha256|secretSha256/);
  });

  it('should list records newest first, filtered by IdP, actor and time, a page at a time', async () => {
    const viewer = await credential('viewer');
    const all = await call('GET', '/api/audit?limit=500', undefined, viewer.secret);
    expect(all.status).toBe(200);
    const ids = all.body.records.map((record: { id: string }) => Number(record.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { records: { id: string }[]; nextCursor: string | null } } = await call(
        'GET',
        `/api/audit?actor=LARKSYNC_ADMIN_TOKEN&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      pages.push(...page.body.records.map((record) => record.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    const byAdmin = all.body.records.filter(
      (record: any) => record.credential.name === 'LARKSYNC_ADMIN_TOKEN',
    );
    expect(pages).toEqual(byAdmin.map((record: { id: string }) => record.id));

    const idpId = all.body.records.find((record: any) => record.idpId)?.idpId;
    const ofIdp = await call('GET', `/api/audit?idpId=${idpId}`);
    expect(ofIdp.body.records.length).toBeGreaterThan(0);
    expect(ofIdp.body.records.every((record: any) => record.idpId === idpId)).toBe(true);
    expect((await call('GET', '/api/audit?since=2999-01-01T00:00:00Z')).body.records).toEqual([]);
  });

  it.each([
    ['since', 'since=yesterday'],
    ['idpId', 'idpId=42'],
    ['limit', 'limit=501'],
    ['cursor', 'cursor=abc'],
  ])('should answer 400 naming %s', async (field, query) => {
    const { status, body } = await call('GET', `/api/audit?${query}`);
    expect(status).toBe(400);
    expect(body.fields.map((problem: { field: string }) => problem.field)).toEqual([field]);
  });

  it('should refuse to change a record, and delete only records past the retention', async () => {
    await expect(
      directory.dataSource.query(`UPDATE audit_record SET action = 'idp.created'`),
    ).rejects.toThrow(/append-only/);
    const old = randomUUID();
    await directory.dataSource.query(
      `INSERT INTO audit_record (at, action, target_id, credential_id, credential_name)
       VALUES (now() - interval '401 days', 'credential.created', $1, 'bootstrap', 'LARKSYNC_ADMIN_TOKEN'),
              (now() - interval '399 days', 'credential.revoked', $1, 'bootstrap', 'LARKSYNC_ADMIN_TOKEN')`,
      [old],
    );
    await directory.app.get(AuditRetentionService).prune();
    expect((await recordsOf(old)).map((record) => record.action)).toEqual(['credential.revoked']);
  });
});
