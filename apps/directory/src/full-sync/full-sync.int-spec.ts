import { DataSource } from 'typeorm';
import { runMigrations } from '@app/persistence';
import {
  DEFAULT_APP,
  DEFAULT_RATE_LIMITS,
  LarkSimulator,
  startLarkSimulator,
} from '../../../../test/lark-simulator';
import { OrgReader, OrgWriter } from '../org-store';
import { FullSyncService } from './full-sync.service';
import { byId, expectedOrg, FullSyncHarness, startFullSyncHarness } from '../../test/full-sync-harness';

const SPEED = 20;
const departmentsById = (org: { departments: { openDepartmentId: string }[] }) =>
  byId(org.departments, (d) => d.openDepartmentId);
const usersById = (org: { users: { openId: string }[] }) => byId(org.users, (u) => u.openId);
/** Lark lists users who exited (not yet resigned); they arrive as resigned, i.e. as deactivations. */
const initialCounts = (sim: LarkSimulator) => {
  const { departments, users } = expectedOrg(sim);
  const exited = users.filter((user) => user.status === 'resigned').length;
  return { created: departments.length + users.length - exited, deactivated: exited };
};

describe('full sync against the Lark simulator (real Kafka and PostgreSQL)', () => {
  let sim: LarkSimulator;
  let harness: FullSyncHarness;
  let wholeOrgIdp: string;

  async function syncToEnd(idpId: string) {
    const run = await harness.startSync(idpId);
    return harness.waitForRun(run.id);
  }

  async function auditOf(targetId: string): Promise<{ action: string; credential_name: string }[]> {
    return harness.app
      .get(DataSource)
      .query(`SELECT action, credential_name FROM audit_record WHERE target_id = $1 ORDER BY id`, [targetId]);
  }

  async function changeLogCount(idpId: string): Promise<number> {
    const [{ count }] = await harness.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS count FROM change_log WHERE idp_id = $1`, [idpId]);
    return count;
  }

  beforeAll(async () => {
    await runMigrations(process.env.DATABASE_URL!);
    sim = await startLarkSimulator({ seed: 7, users: 400, departments: 40, speedFactor: SPEED });
    harness = await startFullSyncHarness(sim, {
      defaultRateLimit: { perSecond: 50 * SPEED, perMinute: 1000 * SPEED },
      retry: { timeoutMs: 1000, baseDelayMs: 20, maxDelayMs: 200 },
      chunkSize: 50, // several user chunks, applied side by side
    });
    wholeOrgIdp = await harness.createIdp();
  });

  afterAll(async () => {
    await harness?.app.get(FullSyncService).idle();
    await harness?.close();
    await sim?.stop();
  });

  afterEach(() => {
    sim.faults.clear();
    sim.rateLimiter.limits = { ...DEFAULT_RATE_LIMITS };
  });

  it('should make the directory exactly the simulator org, and write nothing on a second run', async () => {
    const first = await syncToEnd(wholeOrgIdp);
    expect(first).toMatchObject({ status: 'succeeded', trigger: 'manual', drift: 0, errors: [] });
    expect(first.counts).toMatchObject(initialCounts(sim));
    expect(first.progress).toMatchObject({ departments: 40, users: sim.org.listedUsers().length });
    const stored = await harness.storedOrg(wholeOrgIdp);
    const expected = expectedOrg(sim);
    expect(departmentsById(stored)).toEqual(departmentsById(expected));
    expect(usersById(stored)).toEqual(usersById(expected));
    const logged = await changeLogCount(wholeOrgIdp);
    const second = await syncToEnd(wholeOrgIdp);
    expect(second).toMatchObject({
      status: 'succeeded',
      drift: 0,
      counts: {
        created: 0,
        updated: 0,
        moved: 0,
        deactivated: 0,
        unchanged: 40 + sim.org.listedUsers().length,
      },
    });
    expect(await changeLogCount(wholeOrgIdp)).toBe(logged);
  });

  it('should sync only the selected departments with their subtrees and the selected groups', async () => {
    const [top] = sim.org.childIds('0');
    const group = sim.org.groups[0];
    const scope = { mode: 'partial' as const, departmentIds: [top], groupIds: [group.id] };
    const idpId = await harness.createIdp({ scope });
    expect(await syncToEnd(idpId)).toMatchObject({ status: 'succeeded' });
    const stored = await harness.storedOrg(idpId);
    const expected = expectedOrg(sim, scope);
    expect(departmentsById(stored)).toEqual(departmentsById(expected));
    expect(usersById(stored).map((u) => u.openId)).toEqual(usersById(expected).map((u) => u.openId));
    expect(stored.users.length).toBeLessThan(400);
  });

  it.each<[string, () => void]>([
    [
      'a 429 storm',
      () =>
        (sim.rateLimiter.limits = {
          ...DEFAULT_RATE_LIMITS,
          'contact.user.find_by_department': { perSecond: 1 },
        }),
    ],
    [
      '5xx answers',
      () =>
        sim.faults.add({ endpoint: '*', kind: 'server-error', status: 503, code: 1500, skip: 3, times: 4 }),
    ],
    [
      'a token expiry mid-pagination',
      () =>
        sim.faults.add({
          endpoint: 'contact.user.find_by_department',
          kind: 'token-invalid',
          onlyWithPageToken: true,
          times: 1,
        }),
    ],
    [
      'timeouts',
      () => sim.faults.add({ endpoint: 'contact.department.children', kind: 'timeout', skip: 2, times: 2 }),
    ],
  ])('should complete correctly through %s', async (_fault, inject) => {
    const idpId = await harness.createIdp();
    inject();
    const run = await syncToEnd(idpId);
    expect(run.errors).toEqual([]);
    expect(run).toMatchObject({ status: 'succeeded', counts: initialCounts(sim) });
    expect(usersById(await harness.storedOrg(idpId))).toEqual(usersById(expectedOrg(sim)));
    expect(run.progress.retries + run.progress.rateLimitWaits + run.progress.tokenFetches).toBeGreaterThan(0);
  });

  it('should fail cleanly and deactivate nobody when one department is outside the contact scope (40004)', async () => {
    sim.faults.add({
      endpoint: 'contact.user.find_by_department',
      kind: 'server-error',
      status: 403,
      code: 40004,
      skip: 5,
      times: 1,
    });
    const logged = await changeLogCount(wholeOrgIdp);
    const run = await syncToEnd(wholeOrgIdp);
    expect(run.status).toBe('failed');
    expect(run.errors[0]).toMatchObject({
      code: 40004,
      message: expect.stringMatching(/outside the app's contact scope: widen/),
    });
    expect(
      (await harness.storedOrg(wholeOrgIdp)).users.every(
        (user) => user.status === 'active' || user.status === 'frozen' || user.status === 'inactive',
      ),
    ).toBe(true);
    expect(await changeLogCount(wholeOrgIdp)).toBe(logged);
  });

  it('should not undo an event applied while the run was reading', async () => {
    const stored = (await harness.app.get(OrgReader).users(wholeOrgIdp))[0];
    sim.faults.add({ endpoint: 'contact.user.find_by_department', kind: 'slow', delayMs: 1500, times: 2 });
    const run = await harness.startSync(wholeOrgIdp);
    await harness.waitForRun(run.id, (current) => (current.progress.requests ?? 0) > 0);
    const after = { ...stored.user, name: 'Renamed by an event' };
    await harness.app.get(DataSource).transaction(async (manager) => {
      const writer = harness.app.get(OrgWriter);
      await writer.lockIdp(manager, wholeOrgIdp);
      await writer.apply(
        manager,
        wholeOrgIdp,
        {
          writes: [
            {
              entity: 'user',
              record: {
                user: after,
                larkStatus: stored.larkStatus,
                sourceVersion: Date.now(),
                sourceEventId: 'ev-during-run',
              },
            },
          ],
          changes: [{ entity: 'user', entityId: after.openId, op: 'updated', before: stored.user, after }],
        },
        { kind: 'event', eventId: 'ev-during-run' },
      );
    });
    expect(await harness.waitForRun(run.id)).toMatchObject({ status: 'succeeded' });
    const kept = (await harness.storedOrg(wholeOrgIdp)).users.find((user) => user.openId === after.openId);
    expect(kept?.name).toBe('Renamed by an event');
  });

  it('should compute a dry run without applying it', async () => {
    const idpId = await harness.createIdp();
    const { status, body } = await harness.request('POST', `/api/idps/${idpId}/sync?dryRun=true`);
    expect(status).toBe(202);
    expect(body.run).toMatchObject({ status: 'succeeded', dryRun: true });
    expect(body.diff.totals.creates).toBe(initialCounts(sim).created);
    expect(await harness.storedOrg(idpId)).toEqual({ departments: [], users: [] });
  });

  it('should pass the connectivity test, and explain a rejected App Secret', async () => {
    const good = await harness.request('POST', `/api/idps/${wholeOrgIdp}/connectivity-test`);
    expect(good.body).toMatchObject({ ok: true });
    expect(good.body.checks.map((check: { name: string; ok: boolean }) => [check.name, check.ok])).toEqual([
      ['token', true],
      ['contact-scope', true],
      ['department', true],
      ['user', true],
    ]);
    sim.apps.update(sim.apps.first().appId, { appSecret: 'rotated-secret' });
    try {
      const idpId = await harness.createIdp();
      const bad = await harness.request('POST', `/api/idps/${idpId}/connectivity-test`);
      expect(bad.body.ok).toBe(false);
      expect(bad.body.checks[0]).toMatchObject({
        name: 'token',
        ok: false,
        fix: expect.stringMatching(/check the App Secret/),
      });
    } finally {
      sim.apps.update(sim.apps.first().appId, { appSecret: DEFAULT_APP.appSecret });
    }
  });

  it.each([
    ['GET', '/api/sync-runs/not-a-uuid', 400],
    ['GET', '/api/sync-runs/00000000-0000-4000-8000-000000000000', 404],
    ['POST', '/api/idps/00000000-0000-4000-8000-000000000000/sync', 404],
  ] as const)('should answer %s %s with %p', async (method, url, expected) => {
    expect((await harness.request(method, url)).status).toBe(expected);
  });

  it('should refuse a request without the admin token', async () => {
    const response = await harness.app.inject({ method: 'GET', url: `/api/idps/${wholeOrgIdp}/sync-runs` });
    expect(response.statusCode).toBe(401);
  });

  it('should hold a run that would deactivate half the users, and apply it on approval', async () => {
    const active = (await harness.storedOrg(wholeOrgIdp)).users.filter((user) => user.status !== 'resigned');
    const resignedBefore = new Set(
      (await harness.storedOrg(wholeOrgIdp)).users
        .filter((user) => user.status === 'resigned')
        .map((user) => user.openId),
    );
    const leaving = active.filter((_, index) => index % 2 === 0).map((user) => user.openId);
    leaving.forEach((openId) => sim.mutate.resignUser(openId));
    const held = await syncToEnd(wholeOrgIdp);
    expect(held.status).toBe('held');
    expect(
      held.pendingDeactivations
        ?.filter((entry) => entry.entity === 'user')
        .map((entry) => entry.entityId)
        .sort(),
    ).toEqual([...leaving].sort());
    const beforeApproval = await harness.storedOrg(wholeOrgIdp);
    expect(beforeApproval.users.filter((user) => user.status === 'resigned').length).toBe(
      resignedBefore.size,
    );
    const { status, body } = await harness.request('POST', `/api/sync-runs/${held.id}/approve`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'succeeded', counts: { deactivated: leaving.length } });
    const resigned = (await harness.storedOrg(wholeOrgIdp)).users
      .filter((user) => user.status === 'resigned' && !resignedBefore.has(user.openId))
      .map((user) => user.openId);
    expect(resigned.sort()).toEqual([...leaving].sort());
    expect((await harness.request('POST', `/api/sync-runs/${held.id}/approve`)).status).toBe(409);
    expect(await auditOf(held.id)).toEqual([
      { action: 'sync.triggered', credential_name: 'LARKSYNC_ADMIN_TOKEN' },
      { action: 'sync-run.approved', credential_name: 'LARKSYNC_ADMIN_TOKEN' },
    ]);
  });

  it('should reject a held run: nobody deactivated, the run rejected, one audit record', async () => {
    const active = (await harness.storedOrg(wholeOrgIdp)).users.filter((user) => user.status !== 'resigned');
    active.filter((_, index) => index % 2 === 0).forEach((user) => sim.mutate.resignUser(user.openId));
    const held = await syncToEnd(wholeOrgIdp);
    expect(held.status).toBe('held');
    const { status, body } = await harness.request('POST', `/api/sync-runs/${held.id}/reject`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: held.id, status: 'rejected' });
    const stillActive = (await harness.storedOrg(wholeOrgIdp)).users.filter(
      (user) => user.status !== 'resigned',
    );
    expect(stillActive.length).toBe(active.length);
    expect((await harness.request('POST', `/api/sync-runs/${held.id}/reject`)).status).toBe(409);
    expect((await harness.request('POST', `/api/sync-runs/${held.id}/approve`)).status).toBe(409);
    expect((await auditOf(held.id)).map((record) => record.action)).toEqual([
      'sync.triggered',
      'sync-run.rejected',
    ]);
  });
});
