import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { entityKey } from '@app/contracts';
import { runMigrations } from '@app/persistence';
import { ProjectionService } from '../projection/projection.service';
import { aDepartment, aUser, ChangeStream } from '../testing/directory-change.factory';
import { authorization, startProjector } from '../testing/projector-harness';
import { scimProblems } from '../testing/scim-rfc7643';

const stream = new ChangeStream();
const idp = stream.idpId;

describe('SCIM 2.0 read API (real PostgreSQL)', () => {
  let app: NestFastifyApplication;
  const get = async (url: string, headers: Record<string, string> = {}) => {
    const response = await app.inject({ method: 'GET', url, headers: { ...authorization, ...headers } });
    return {
      status: response.statusCode,
      headers: response.headers,
      body: response.body ? JSON.parse(response.body) : undefined,
    };
  };
  const filtered = (filter: string) => `/scim/v2/Users?filter=${encodeURIComponent(filter)}`;

  beforeAll(async () => {
    await runMigrations(process.env.DATABASE_URL!);
    app = await startProjector({ consume: false });
    await app.get(ProjectionService).apply([
      stream.department(aDepartment({ openDepartmentId: 'od_top', name: 'Top' }), 'created'),
      stream.department(
        aDepartment({ openDepartmentId: 'od_ops', name: 'Ops', parentId: 'od_top' }),
        'created',
      ),
      ...['s1', 's2', 's3', 's4'].map((id) =>
        stream.user(
          aUser({
            openId: `${id}-${idp}`,
            email: `${id}-${idp}@example.test`,
            userId: `${id}-${idp}`,
            departmentIds: ['od_ops'],
          }),
          'created',
        ),
      ),
      stream.user(
        aUser({
          openId: `s5-${idp}`,
          email: null,
          userId: `s5-${idp}`,
          departmentIds: ['od_ops'],
          status: 'frozen',
        }),
        'created',
      ),
    ]);
  });

  afterAll(async () => {
    await app?.close();
  });

  it.each([
    '/scim/v2/ServiceProviderConfig',
    '/scim/v2/Schemas',
    '/scim/v2/ResourceTypes',
    `/scim/v2/Users?count=3`,
    '/scim/v2/Groups?count=5',
  ])('should serve %s as RFC 7643 application/scim+json', async (url) => {
    const { status, headers, body } = await get(url);
    expect(status).toBe(200);
    expect(headers['content-type']).toMatch(/^application\/scim\+json/);
    expect(scimProblems(body)).toEqual([]);
  });

  it('should find a user by userName, externalId and id, with a meta.version ETag', async () => {
    const byName = await get(filtered(`userName eq "S1-${idp}@EXAMPLE.test"`));
    expect(byName.body.totalResults).toBe(1);
    const user = byName.body.Resources[0];
    expect(user).toMatchObject({
      id: entityKey(idp, `s1-${idp}`),
      externalId: `s1-${idp}`,
      active: true,
      groups: [{ value: entityKey(idp, 'od_ops'), display: 'Ops' }],
    });
    expect((await get(filtered(`externalId eq "s1-${idp}"`))).body.Resources[0].id).toBe(user.id);
    const single = await get(`/scim/v2/Users/${encodeURIComponent(user.id)}`);
    expect(scimProblems(single.body)).toEqual([]);
    expect(single.headers.etag).toBe(user.meta.version);
    expect(
      (await get(`/scim/v2/Users/${encodeURIComponent(user.id)}`, { 'if-none-match': user.meta.version }))
        .status,
    ).toBe(304);
  });

  it('should filter on active and page with startIndex and count', async () => {
    // Other suites share the database, so read every page of the filter rather than the first one.
    const inactive: { id: string; active: boolean }[] = [];
    for (let startIndex = 1, total = 1; startIndex <= total; startIndex += 500) {
      const page = await get(`${filtered('active eq false')}&startIndex=${startIndex}&count=500`);
      total = page.body.totalResults;
      inactive.push(...page.body.Resources);
    }
    expect(inactive.map((u) => u.id)).toContain(entityKey(idp, `s5-${idp}`));
    expect(inactive.every((u) => !u.active)).toBe(true);
    const first = await get('/scim/v2/Users?startIndex=1&count=2');
    const second = await get('/scim/v2/Users?startIndex=3&count=2');
    expect(first.body).toMatchObject({ startIndex: 1, itemsPerPage: 2 });
    expect(second.body.startIndex).toBe(3);
    expect(first.body.Resources[1].id).not.toBe(second.body.Resources[0].id);
  });

  it('should serve departments as Groups with their members', async () => {
    const { status, body } = await get(`/scim/v2/Groups/${encodeURIComponent(entityKey(idp, 'od_ops'))}`);
    expect(status).toBe(200);
    expect(scimProblems(body)).toEqual([]);
    expect(body.displayName).toBe('Ops');
    expect(body.members).toHaveLength(5);
  });

  it.each([
    [filtered('name co "x"'), 400, 'invalidFilter'],
    [filtered('emails eq "x"'), 400, 'invalidFilter'],
    ['/scim/v2/Users?count=abc', 400, 'invalidValue'],
    ['/scim/v2/Users/nope', 404, undefined],
    [`/scim/v2/Groups/${encodeURIComponent(entityKey(idp, 'od_missing'))}`, 404, undefined],
  ])('should answer %s with a SCIM error', async (url, status, scimType) => {
    const response = await get(url);
    expect(response.status).toBe(status);
    expect(scimProblems(response.body)).toEqual([]);
    expect(response.body).toMatchObject({ status: String(status), ...(scimType ? { scimType } : {}) });
  });

  it('should refuse a missing bearer token with a SCIM error', async () => {
    const response = await app.inject({ method: 'GET', url: '/scim/v2/Users' });
    expect(response.statusCode).toBe(401);
    expect(scimProblems(response.json())).toEqual([]);
  });
});
