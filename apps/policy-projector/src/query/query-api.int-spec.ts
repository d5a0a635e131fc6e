import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { runMigrations } from '@app/persistence';
import { ProjectionService } from '../projection/projection.service';
import { ProjectionQueryRepository } from './projection-query.repository';
import { aDepartment, aUser, ChangeStream } from '../testing/directory-change.factory';
import { authorization, startProjector } from '../testing/projector-harness';
import { eventually } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SUBJECT_CHANGES_CHANNEL } from './subject-change-notices';
import { SubjectDocumentCache } from './subject-document-cache';

const stream = new ChangeStream();

const idp = stream.idpId;

describe('policy projector HTTP API (real PostgreSQL)', () => {
  let app: NestFastifyApplication;
  const get = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers: { ...authorization, ...headers } });
  const check = (body: unknown) =>
    app.inject({
      method: 'POST',
      url: `/v1/idps/${idp}/check`,
      headers: authorization,
      payload: body as object,
    });

  beforeAll(async () => {
    await runMigrations(process.env.DATABASE_URL!);
    app = await startProjector({ consume: false });
    await app
      .get(ProjectionService)
      .projectBatch([
        stream.idp('enabled', { level: 'custom:lvl', title: 'jobTitle' }),
        stream.department(aDepartment({ openDepartmentId: 'od_co', name: 'Company' }), 'created'),
        stream.department(
          aDepartment({ openDepartmentId: 'od_eng', name: 'Engineering', parentId: 'od_co' }),
          'created',
        ),
        stream.department(
          aDepartment({ openDepartmentId: 'od_sec', name: 'Security', parentId: 'od_eng' }),
          'created',
        ),
        stream.user(
          aUser({ openId: 'ou_alice', departmentIds: ['od_sec'], customAttrs: { lvl: 'L6' } }),
          'created',
        ),
        stream.user(aUser({ openId: 'ou_bob', departmentIds: ['od_eng'] }), 'created'),
        stream.user(aUser({ openId: 'ou_carol', departmentIds: ['od_sec'], status: 'resigned' }), 'created'),
        stream.user(aUser({ openId: 'ou_dave' }), 'created'),
      ]);
    await noticesHeard();
  });

  /**
   * Resolves once this instance's cache listener has applied every notice committed so far (PostgreSQL
   * delivers them in commit order): one arriving late would withdraw a lookup the cache tests count on.
   */
  async function noticesHeard(): Promise<void> {
    const invalidate = jest.spyOn(app.get(SubjectDocumentCache), 'invalidate');
    const marker = `ou_marker_${randomUUID()}`;
    try {
      await app
        .get(DataSource)
        .query(`SELECT pg_notify($1, $2)`, [SUBJECT_CHANGES_CHANNEL, JSON.stringify([idp, marker])]);
      await eventually(
        'the marker notice',
        async () => invalidate.mock.calls.some(([, openId]) => openId === marker),
        5_000,
      );
    } finally {
      invalidate.mockRestore();
    }
  }

  afterAll(async () => {
    await app?.close();
  });

  it.each([undefined, 'Bearer wrong-token', 'Basic abc'])(
    'should refuse authorization %p',
    async (header) => {
      const refused = (url: string) =>
        app.inject({ method: 'GET', url, headers: header ? { authorization: header } : {} });
      const response = await refused(`/v1/idps/${idp}/subjects/ou_alice`);
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual((await refused(`/v1/idps/${idp}/departments/od_co/members`)).json());
    },
  );

  it('should serve a subject with its department paths and answer 304 to its ETag', async () => {
    const response = await get(`/v1/idps/${idp}/subjects/ou_alice`);
    expect(response.statusCode).toBe(200);
    const subject = response.json();
    expect(subject.departments[0].path.map((step: { name: string }) => step.name)).toEqual([
      'Company',
      'Engineering',
      'Security',
    ]);
    expect(subject.attributes).toEqual({ level: 'L6', title: 'Engineer' });
    expect(response.headers.etag).toBe(`"${subject.version}"`);
    expect(
      (await get(`/v1/idps/${idp}/subjects/ou_alice`, { 'if-none-match': response.headers.etag as string }))
        .statusCode,
    ).toBe(304);
    expect((await get(`/v1/idps/${idp}/subjects/ou_alice`, { 'if-none-match': '"1"' })).statusCode).toBe(200);
  });

  it('should serve a subject from the cache until a committed change replaces it', async () => {
    const loads = jest.spyOn(app.get(ProjectionQueryRepository), 'subjectsByOpenId');
    try {
      const first = await get(`/v1/idps/${idp}/subjects/ou_dave`);
      const again = await get(`/v1/idps/${idp}/subjects/ou_dave`);
      expect(again.body).toBe(first.body);
      expect(loads).toHaveBeenCalledTimes(1);

      await app
        .get(ProjectionService)
        .projectBatch([stream.user(aUser({ openId: 'ou_dave', name: 'David' }))]);
      const updated = await get(`/v1/idps/${idp}/subjects/ou_dave`, {
        'if-none-match': first.headers.etag as string,
      });
      expect(updated.statusCode).toBe(200);
      expect(updated.json()).toMatchObject({ name: 'David', version: expect.any(Number) });
      expect(updated.headers.etag).toBe(`"${updated.json().version}"`);
      expect(updated.headers.etag).not.toBe(first.headers.etag);
    } finally {
      loads.mockRestore();
    }
  });

  it('should send the stored document as JSON, byte for byte what serialising it gives', async () => {
    const response = await get(`/v1/idps/${idp}/subjects/ou_alice`);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.body).toBe(
      JSON.stringify(await app.get(ProjectionQueryRepository).subject(idp, 'ou_alice')),
    );
  });

  it('should answer 404 for an unknown subject, in the shape of the other routes', async () => {
    const response = await get(`/v1/idps/${idp}/subjects/ou_nobody`);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: `no subject ou_nobody in IdP ${idp}`,
    });
    const members = await get(`/v1/idps/${idp}/departments/od_nowhere/members`);
    expect(Object.keys(members.json()).sort()).toEqual(Object.keys(response.json()).sort());
  });

  it("should serve another instance's committed change, which it hears of at commit", async () => {
    const other = await startProjector({ consume: false });
    try {
      expect((await get(`/v1/idps/${idp}/subjects/ou_bob`)).json().name).not.toBe('Robert');
      await other
        .get(ProjectionService)
        .projectBatch([stream.user(aUser({ openId: 'ou_bob', name: 'Robert', departmentIds: ['od_eng'] }))]);
      await eventually(
        'the rename served',
        async () => (await get(`/v1/idps/${idp}/subjects/ou_bob`)).json().name === 'Robert',
      );
    } finally {
      await other.close();
    }
  });

  it.each([
    ['false', ['ou_bob']],
    ['true', ['ou_alice', 'ou_bob', 'ou_carol']],
  ])('should list members with recursive=%s', async (recursive, expected) => {
    const response = await get(`/v1/idps/${idp}/departments/od_eng/members?recursive=${recursive}`);
    expect(response.statusCode).toBe(200);
    expect(response.json().members.map((member: { openId: string }) => member.openId)).toEqual(expected);
    expect(
      (
        await get(`/v1/idps/${idp}/departments/od_eng/members?recursive=${recursive}`, {
          'if-none-match': response.headers.etag as string,
        })
      ).statusCode,
    ).toBe(304);
  });

  it('should change the members ETag when a member changes', async () => {
    const before = await get(`/v1/idps/${idp}/departments/od_eng/members?recursive=true`);
    await app
      .get(ProjectionService)
      .projectBatch([stream.user(aUser({ openId: 'ou_bob', departmentIds: ['od_eng'], name: 'Robert' }))]);
    const after = await get(`/v1/idps/${idp}/departments/od_eng/members?recursive=true`, {
      'if-none-match': before.headers.etag as string,
    });
    expect(after.statusCode).toBe(200);
  });

  it.each([
    [
      'department with sub-departments',
      { departments: { ids: ['od_eng'], includeSubDepartments: true } },
      'ou_alice',
      'allow',
      /Company \/ Engineering \/ Security/,
    ],
    [
      'direct department only',
      { departments: { ids: ['od_eng'] } },
      'ou_alice',
      'deny',
      /not in departments od_eng/,
    ],
    [
      'attribute equals',
      { attributes: [{ name: 'level', equals: 'L6' }] },
      'ou_alice',
      'allow',
      /level = "L6"/,
    ],
    [
      'attribute in',
      { attributes: [{ name: 'level', in: ['L4', 'L5'] }] },
      'ou_alice',
      'deny',
      /level is "L6"/,
    ],
    ['resigned subject', { departments: { ids: ['od_sec'] } }, 'ou_carol', 'deny', /disabled \(resigned\)/],
    [
      'resigned subject, active not required',
      { departments: { ids: ['od_sec'] }, activeOnly: false },
      'ou_carol',
      'allow',
      /Security/,
    ],
    ['unknown subject', {}, 'ou_nobody', 'deny', /not found/],
  ])('should check a policy: %s', async (_, condition, openId, decision, reason) => {
    const response = await check({ openId, condition });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ decision });
    expect(response.json().reason).toMatch(reason);
  });

  it('should say which department path matched', async () => {
    const result = (
      await check({
        openId: 'ou_alice',
        condition: { departments: { ids: ['od_co'], includeSubDepartments: true } },
      })
    ).json();
    expect(result.matched.department.path.map((step: { id: string }) => step.id)).toEqual([
      'od_co',
      'od_eng',
      'od_sec',
    ]);
    expect(result.subjectVersion).toEqual(expect.any(Number));
  });

  it.each([
    {},
    { openId: 'x' },
    { openId: 'x', condition: { departments: 'od_co' } },
    { openId: 'x', condition: { attributes: [{ name: 'a' }] } },
  ])('should reject a malformed check request %p', async (body) => {
    const response = await check(body);
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json().message)).toMatch(/openId|condition/);
  });
});
