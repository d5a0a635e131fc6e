import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '@app/persistence';
import { startDirectoryApp, TEST_ADMIN_TOKEN, TestDirectoryApp } from '../testing/directory-app';

const anIdp = (overrides: Record<string, unknown> = {}) => ({
  name: `企业-${randomUUID().slice(0, 8)}`,
  appId: 'cli_e1',
  appSecret: 'enterprise-secret-1',
  verificationToken: 'vt-enterprise',
  ...overrides,
});

describe('admin API: enterprises (real PostgreSQL)', () => {
  let directory: TestDirectoryApp;
  let db: DataSource;

  async function call(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) {
    const response = await directory.app.inject({
      method,
      url,
      payload: payload as object,
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : undefined };
  }

  beforeAll(async () => {
    await runMigrations(process.env.DATABASE_URL!);
    directory = await startDirectoryApp(pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }));
    db = new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 'enterprise-test'));
    await db.initialize();
  });

  afterAll(async () => {
    await directory?.app.close();
    await db?.destroy();
  });

  it('should hold every IdP in an enterprise, those made by the IdP API without one in the default enterprise', async () => {
    const { body: enterprises } = await call('GET', '/api/enterprises');
    const defaults = enterprises.filter((enterprise: { isDefault: boolean }) => enterprise.isDefault);
    expect(defaults).toHaveLength(1);
    const created = await call('POST', '/api/idps', anIdp());
    expect(created).toMatchObject({ status: 201, body: { enterpriseId: defaults[0].id } });
    const { body: idps } = await call('GET', `/api/enterprises/${defaults[0].id}/idps`);
    expect(idps.map((idp: { id: string }) => idp.id)).toContain(created.body.id);
    const [{ count }] = await db.query('SELECT count(*)::int AS count FROM idp WHERE enterprise_id IS NULL');
    expect(count).toBe(0);
  });

  it('should create an enterprise with an identifier of two groups of 5 and list only its IdPs', async () => {
    const created = await call('POST', '/api/enterprises', {
      name: `Acme ${randomUUID()}`,
      redirectSchemes: ['com.acme.sase'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ isDefault: false, redirectSchemes: ['com.acme.sase'], version: 1 });
    expect(created.body.authIdentifier).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    const idp = await call('POST', '/api/idps', anIdp({ enterpriseId: created.body.id }));
    expect(idp).toMatchObject({ status: 201, body: { enterpriseId: created.body.id } });
    const { body: idps } = await call('GET', `/api/enterprises/${created.body.id}/idps`);
    expect(idps.map((row: { id: string }) => row.id)).toEqual([idp.body.id]);
    expect((await call('GET', `/api/enterprises/${created.body.id}`)).body).toEqual(created.body);
  });

  it('should rename, change the redirect schemes and regenerate the identifier, auditing each without the identifier', async () => {
    const { body: enterprise } = await call('POST', '/api/enterprises', { name: `Beta ${randomUUID()}` });
    const renamed = await call('PATCH', `/api/enterprises/${enterprise.id}`, {
      name: `Gamma ${enterprise.id}`,
      redirectSchemes: ['com.gamma.client', 'com.gamma.client'],
    });
    expect(renamed).toMatchObject({
      status: 200,
      body: { name: `Gamma ${enterprise.id}`, redirectSchemes: ['com.gamma.client'], version: 2 },
    });
    expect(renamed.body.authIdentifier).toBe(enterprise.authIdentifier);
    const regenerated = await call('POST', `/api/enterprises/${enterprise.id}/identifier/regenerate`);
    expect(regenerated.status).toBe(200);
    expect(regenerated.body.authIdentifier).not.toBe(enterprise.authIdentifier);
    const records: { action: string; text: string }[] = await db.query(
      `SELECT action, concat(before::text, after::text, details::text) AS text FROM audit_record WHERE target_id = $1 ORDER BY id`,
      [enterprise.id],
    );
    expect(records.map((record) => record.action)).toEqual([
      'enterprise.created',
      'enterprise.updated',
      'enterprise.identifier-regenerated',
    ]);
    const compact = (identifier: string) => identifier.replace('-', '');
    for (const record of records) {
      expect(record.text).not.toContain(compact(enterprise.authIdentifier));
      expect(record.text).not.toContain(compact(regenerated.body.authIdentifier));
    }
  });

  it.each([
    [{ name: 'x' }, 'name'],
    [{ name: 'Ok name', redirectSchemes: ['https'] }, 'redirectSchemes'],
    [{ name: 'Ok name', redirectSchemes: ['javascript'] }, 'redirectSchemes'],
    [{ name: 'Ok name', redirectSchemes: ['Com.Upper.Case'] }, 'redirectSchemes'],
    [{ name: 'Ok name', authIdentifier: 'AAAAA-BBBBB' }, 'authIdentifier'],
  ])('should refuse %j naming the field %s', async (input, field) => {
    const { status, body } = await call('POST', '/api/enterprises', input);
    expect(status).toBe(400);
    expect(body.fields.map((problem: { field: string }) => problem.field)).toContain(field);
  });

  it('should answer 409 to a second enterprise of the same name, 404 to an unknown one, 400 to an IdP in an unknown one', async () => {
    const name = `Same ${randomUUID()}`;
    expect((await call('POST', '/api/enterprises', { name })).status).toBe(201);
    expect((await call('POST', '/api/enterprises', { name })).status).toBe(409);
    expect((await call('GET', `/api/enterprises/${randomUUID()}`)).status).toBe(404);
    expect((await call('GET', '/api/enterprises/not-a-uuid/idps')).status).toBe(404);
    expect((await call('POST', `/api/enterprises/${randomUUID()}/identifier/regenerate`)).status).toBe(404);
    const idp = await call('POST', '/api/idps', anIdp({ enterpriseId: randomUUID() }));
    expect(idp).toMatchObject({ status: 400, body: { fields: [{ field: 'enterpriseId' }] } });
  });

  it('should not move an IdP to another enterprise through the IdP update', async () => {
    const { body: idp } = await call('POST', '/api/idps', anIdp());
    const moved = await call('PATCH', `/api/idps/${idp.id}`, { enterpriseId: randomUUID() });
    expect(moved.status).toBe(400);
  });
});
