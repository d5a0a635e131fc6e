import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Kafka } from 'kafkajs';
import { Registry } from 'prom-client';
import { entityKey, Topics } from '@app/contracts';
import { runMigrations } from '@app/persistence';
import { DataSource } from 'typeorm';
import { ProjectionRebuilder } from '../rebuild/projection-rebuilder';
import { ProjectionRepository } from './projection.repository';
import { aDepartment, aUser, ChangeStream } from '../testing/directory-change.factory';
import {
  authorization,
  publishChanges,
  recordSaseTopics,
  SaseTopicsRecorder,
  startProjector,
} from '../testing/projector-harness';
import { ProjectionService } from './projection.service';
import { eventually } from '@app/testing';

const resignation = new ChangeStream();
const move = new ChangeStream();
const leaving = new ChangeStream();
const closing = new ChangeStream();
const cached = new ChangeStream();

describe('policy projector: directory.changes.v1 → SASE topics (real Kafka and PostgreSQL)', () => {
  let app: NestFastifyApplication;
  let topics: SaseTopicsRecorder;

  const subject = (stream: ChangeStream, openId: string) =>
    topics.latest(Topics.saseSubjects).get(entityKey(stream.idpId, openId));
  const department = (stream: ChangeStream, id: string) =>
    topics.latest(Topics.saseDepartments).get(entityKey(stream.idpId, id));
  const pathNames = (doc: Record<string, any> | null | undefined) =>
    doc?.departments.map((d: any) => d.path.map((s: any) => s.name).join('/'));

  beforeAll(async () => {
    await runMigrations(process.env.DATABASE_URL!);
    app = await startProjector({ consume: true });
    topics = recordSaseTopics(
      app.get(Kafka),
      new Set([resignation, move, leaving, closing].map((stream) => stream.idpId)),
    );
    await topics.start();
  });

  afterAll(async () => {
    await topics?.stop();
    await app?.close();
  });

  it('should publish a resigned subject as disabled and time the revocation from the event createTime', async () => {
    const s = resignation;
    const user = aUser({ openId: 'ou_r1', departmentIds: ['od_b'], customAttrs: { lvl: 'L5' } });
    await publishChanges(app, [
      s.idp('enabled', { employeeNo: 'employeeNo', level: 'custom:lvl' }),
      s.department(aDepartment({ openDepartmentId: 'od_a', name: 'Company' }), 'created'),
      s.department(
        aDepartment({ openDepartmentId: 'od_b', name: 'Security', parentId: 'od_a', path: ['od_a'] }),
        'created',
      ),
      s.user(user, 'created'),
    ]);
    const active = await topics.waitFor('active subject', () => {
      const doc = subject(s, 'ou_r1');
      return (
        doc?.status === 'active' &&
        doc.attributes.level === 'L5' &&
        pathNames(doc)?.[0] === 'Company/Security' &&
        doc
      );
    });
    expect(active).toMatchObject({
      idpId: s.idpId,
      openId: 'ou_r1',
      email: 'ou_r1@example.test',
      attributes: { employeeNo: 'E-ou_r1', level: 'L5' },
    });

    await publishChanges(app, [
      s.user({ ...user, status: 'resigned' }, 'deactivated', {
        kind: 'event',
        eventId: 'ev-1',
        createTime: Date.now() - 200,
      }),
    ]);
    const disabled = await topics.waitFor(
      'disabled subject',
      () => subject(s, 'ou_r1')?.status === 'disabled' && subject(s, 'ou_r1'),
    );
    expect(disabled).toMatchObject({ disabledReason: 'resigned' });
    expect(disabled!.version).toBeGreaterThan(active.version);
    const metrics = await app
      .get(Registry)
      .getSingleMetricAsString('larksync_projector_time_to_revoke_seconds');
    expect(metrics).toMatch(/time_to_revoke_seconds_count\{[^}]*\} [1-9]/);
    expect(Number(/time_to_revoke_seconds_sum\{[^}]*\} ([\d.]+)/.exec(metrics)![1])).toBeGreaterThanOrEqual(
      0.2,
    );
  });

  it('should re-publish every member and sub-department with new paths when a department moves', async () => {
    const s = move;
    const members = [
      ...['x1', 'x2', 'x3'].map((id) => aUser({ openId: id, departmentIds: ['od_x'] })),
      ...['c1', 'c2'].map((id) => aUser({ openId: id, departmentIds: ['od_xc'] })),
    ];
    await publishChanges(app, [
      s.department(aDepartment({ openDepartmentId: 'od_r', name: 'Root' }), 'created'),
      s.department(aDepartment({ openDepartmentId: 'od_x', name: 'X', parentId: 'od_r' }), 'created'),
      s.department(aDepartment({ openDepartmentId: 'od_xc', name: 'XC', parentId: 'od_x' }), 'created'),
      s.department(aDepartment({ openDepartmentId: 'od_y', name: 'Y', parentId: 'od_r' }), 'created'),
      ...members.map((user) => s.user(user, 'created')),
      s.user(aUser({ openId: 'y1', departmentIds: ['od_y'] }), 'created'),
    ]);
    await topics.waitFor(
      'initial tree',
      () =>
        members.every((user) => pathNames(subject(s, user.openId))?.[0]?.startsWith('Root/X')) &&
        department(s, 'od_r')?.memberCount === 6,
    );
    const before = new Map(members.map((user) => [user.openId, subject(s, user.openId)!.version]));

    await publishChanges(app, [
      s.department(
        aDepartment({ openDepartmentId: 'od_x', name: 'X', parentId: 'od_y', path: ['od_r', 'od_y'] }),
        'moved',
      ),
    ]);
    await topics.waitFor('members under Y', () =>
      members.every((user) => pathNames(subject(s, user.openId))?.[0]?.startsWith('Root/Y/X')),
    );
    for (const user of members)
      expect(subject(s, user.openId)!.version).toBeGreaterThan(before.get(user.openId)!);
    expect(pathNames(subject(s, 'c2'))).toEqual(['Root/Y/X/XC']);
    await topics.waitFor(
      'sub-department path',
      () =>
        department(s, 'od_xc')
          ?.path.map((p: any) => p.id)
          .join('/') === 'od_r/od_y/od_x/od_xc',
    );
    await topics.waitFor(
      'counts',
      () => department(s, 'od_y')?.memberCount === 6 && department(s, 'od_y')?.directMemberCount === 1,
    );
    const moved = await topics.waitFor(
      'moved node',
      () => department(s, 'od_x')?.parentId === 'od_y' && department(s, 'od_x'),
    );
    expect(moved).toMatchObject({ directMemberCount: 3, memberCount: 5 });
  });

  it('should tombstone a deleted subject and departments that are deleted or out of scope', async () => {
    const s = leaving;
    await publishChanges(app, [
      s.department(aDepartment({ openDepartmentId: 'od_p', name: 'P' }), 'created'),
      s.department(aDepartment({ openDepartmentId: 'od_q', name: 'Q', parentId: 'od_p' }), 'created'),
      s.department(aDepartment({ openDepartmentId: 'od_o', name: 'O', parentId: 'od_p' }), 'created'),
      s.user(aUser({ openId: 'gone', departmentIds: ['od_q'] }), 'created'),
    ]);
    await topics.waitFor(
      'published',
      () => subject(s, 'gone') && department(s, 'od_q') && department(s, 'od_o'),
    );
    await publishChanges(app, [
      s.userDeleted('gone'),
      s.departmentDeleted('od_q'),
      s.department(
        aDepartment({ openDepartmentId: 'od_o', name: 'O', parentId: 'od_p', status: 'out_of_scope' }),
        'deactivated',
      ),
    ]);
    await topics.waitFor(
      'tombstones',
      () => subject(s, 'gone') === null && department(s, 'od_q') === null && department(s, 'od_o') === null,
    );
    await topics.waitFor('emptied parent', () => department(s, 'od_p')?.memberCount === 0);
  });

  it('should disable every subject when the IdP closes, restore them when it is enabled and re-map attributes', async () => {
    const s = closing;
    await publishChanges(app, [
      s.idp('enabled', { title: 'jobTitle' }),
      s.user(aUser({ openId: 'k1' }), 'created'),
      s.user(aUser({ openId: 'k2' }), 'created'),
      s.user(aUser({ openId: 'k3', status: 'resigned' }), 'created'),
    ]);
    await topics.waitFor('subjects', () =>
      ['k1', 'k2', 'k3'].every((id) => subject(s, id)?.attributes.title === 'Engineer'),
    );
    await publishChanges(app, [s.idp('closed', { title: 'jobTitle' })]);
    await topics.waitFor('closed', () =>
      ['k1', 'k2', 'k3'].every((id) => subject(s, id)?.disabledReason === 'idp_closed'),
    );
    await publishChanges(app, [s.idp('enabled', { number: 'employeeNo' })]);
    await topics.waitFor('enabled', () => ['k1', 'k2'].every((id) => subject(s, id)?.status === 'active'));
    expect(subject(s, 'k1')!.attributes).toEqual({ number: 'E-k1' });
    await topics.waitFor('resigned again', () => subject(s, 'k3')?.disabledReason === 'resigned');
  });

  it('should ignore a change that is not newer than the one applied', async () => {
    const s = closing;
    const stale = { ...s.user(aUser({ openId: 'k1', name: 'Old Name' })), version: 1 };
    await publishChanges(app, [stale, s.user(aUser({ openId: 'k1', name: 'New Name' }))]);
    await topics.waitFor('newer change', () => subject(s, 'k1')?.name === 'New Name');
    const names = topics.records
      .filter((record) => record.key === entityKey(s.idpId, 'k1'))
      .map((record) => record.value?.name);
    expect(names).not.toContain('Old Name');
  });

  it('should serve a subject the consumer updated anew right after its commit, not from the warm cache', async () => {
    const s = cached;
    const user = aUser({ openId: 'ou_c1' });
    const lookup = () =>
      app.inject({ method: 'GET', url: `/v1/idps/${s.idpId}/subjects/ou_c1`, headers: authorization });
    const service = app.get(ProjectionService);
    const projectBatch = service.projectBatch.bind(service);
    const servedAfterRename: string[] = [];
    jest.spyOn(service, 'projectBatch').mockImplementation(async (changes, options) => {
      const out = await projectBatch(changes, options);
      if (
        changes.some(
          (change) =>
            change.entityId === 'ou_c1' && (change.after as { name?: string } | null)?.name === 'Renamed',
        )
      )
        servedAfterRename.push((await lookup()).json().name);
      return out;
    });
    try {
      await publishChanges(app, [s.idp('enabled'), s.user(user, 'created')]);
      await eventually('the created subject served', async () => (await lookup()).statusCode === 200);
      expect((await lookup()).json().name).toBe(user.name);
      await publishChanges(app, [s.user({ ...user, name: 'Renamed' })]);
      await topics.waitFor('the renamed subject applied', () => servedAfterRename.length > 0);
      expect(servedAfterRename).toEqual(['Renamed']);
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('should rebuild from directory.changes.v1 into empty tables with documents identical to the live ones', async () => {
    const idpIds = [resignation, move, leaving, closing].map((stream) => stream.idpId);
    const repository = app.get(ProjectionRepository);
    const manager = app.get(DataSource).manager;
    const live = await repository.publishedDocuments(manager, idpIds);
    expect(live.subjects.length).toBe(10);

    const report = await app.get(ProjectionRebuilder).rebuild({ idpIds, publish: false });

    const rebuilt = await repository.publishedDocuments(manager, idpIds);
    expect(report).toMatchObject({ changes: 31, skippedInvalid: 0 });
    expect(rebuilt.subjects).toEqual(live.subjects);
    expect(rebuilt.departments).toEqual(live.departments);
  });
});
