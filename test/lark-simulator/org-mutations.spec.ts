import { generateOrg } from './org-generator';
import { ROOT_DEPARTMENT_ID } from './org-model';
import { OrgMutationError, OrgMutations } from './org-mutations';
import { OrgStore } from './org-store';

function setup() {
  const store = new OrgStore(generateOrg({ seed: 3, users: 300, departments: 30 }));
  const mutations = new OrgMutations(store);
  const active = store
    .listedUsers()
    .find((u) => !u.status.isFrozen && u.departmentOpenIds[0] !== ROOT_DEPARTMENT_ID)!;
  const leaf = store.departments().find((d) => store.childIds(d.openDepartmentId).length === 0)!;
  return { store, mutations, active, leaf };
}

describe('OrgMutations', () => {
  it('should emit user.created_v3 for a hire and list the user in its department', () => {
    const { store, mutations, leaf } = setup();
    const { user, events } = mutations.hireUser({
      name: '新员工',
      departmentOpenIds: [leaf.openDepartmentId],
    });
    expect(events).toEqual([
      {
        eventType: 'contact.user.created_v3',
        event: {
          object: expect.objectContaining({
            open_id: user.openId,
            name: '新员工',
            department_ids: [leaf.openDepartmentId],
          }),
        },
      },
    ]);
    expect(store.directMembers(leaf.openDepartmentId)).toContain(user);
  });

  it('should put only the changed fields, with previous values, in old_object', () => {
    const { mutations, active } = setup();
    const previousTitle = active.jobTitle;
    const [event] = mutations.updateUser(active.openId, { jobTitle: 'Chief Tester', name: active.name });
    expect(event.eventType).toBe('contact.user.updated_v3');
    expect(event.event.old_object).toEqual({ job_title: previousTitle });
    expect(event.event.object).toEqual(expect.objectContaining({ job_title: 'Chief Tester' }));
  });

  it('should emit nothing when an update changes nothing', () => {
    const { mutations, active } = setup();
    expect(mutations.updateUser(active.openId, { jobTitle: active.jobTitle })).toEqual([]);
  });

  it('should report a freeze as updated_v3 with the previous status', () => {
    const { mutations, active } = setup();
    const [event] = mutations.freezeUser(active.openId);
    expect(event.event.old_object).toEqual({ status: expect.objectContaining({ is_frozen: false }) });
    expect(event.event.object).toEqual(
      expect.objectContaining({ status: expect.objectContaining({ is_frozen: true }) }),
    );
  });

  it('should report a move with department_ids and orders in old_object', () => {
    const { mutations, active, leaf } = setup();
    const before = [...active.departmentOpenIds];
    const [event] = mutations.moveUser(active.openId, [leaf.openDepartmentId]);
    expect(event.event.old_object).toEqual(expect.objectContaining({ department_ids: before }));
    expect(Object.keys(event.event.old_object as object).sort()).toEqual(['department_ids', 'orders']);
  });

  it('should emit user.deleted_v3 on resignation and hide the user from listings', () => {
    const { store, mutations, active } = setup();
    const departments = [...active.departmentOpenIds];
    const [deleted] = mutations.resignUser(active.openId);
    expect(deleted).toEqual({
      eventType: 'contact.user.deleted_v3',
      event: {
        object: expect.objectContaining({ open_id: active.openId, department_ids: departments }),
        old_object: { department_ids: departments, open_id: active.openId },
      },
    });
    expect(store.listedUsers()).not.toContain(active);
    expect(store.getUser(active.openId)?.status.isResigned).toBe(true);
    expect(() => mutations.resignUser(active.openId)).toThrow(OrgMutationError);
  });

  it('should clear the leader of departments a resigned leader led', () => {
    const { store, mutations } = setup();
    const led = store.departments().find((d) => d.leaderOpenId)!;
    const events = mutations.resignUser(led.leaderOpenId!);
    expect(events.map((e) => e.eventType)).toContain('contact.department.updated_v3');
    expect(led.leaderOpenId).toBeUndefined();
  });

  it('should create, rename, move and delete departments with the matching events', () => {
    const { store, mutations, leaf } = setup();
    const { department, events } = mutations.createDepartment({
      name: 'Red Team',
      parentOpenId: leaf.openDepartmentId,
    });
    expect(events[0]).toEqual({
      eventType: 'contact.department.created_v3',
      event: {
        object: expect.objectContaining({
          name: 'Red Team',
          parent_department_id: leaf.openDepartmentId,
          order: 100,
        }),
      },
    });
    expect(mutations.renameDepartment(department.openDepartmentId, 'Blue Team')[0].event.old_object).toEqual({
      name: 'Red Team',
    });
    const [moved] = mutations.moveDepartment(department.openDepartmentId, ROOT_DEPARTMENT_ID);
    expect(moved.event.old_object).toEqual({ parent_department_id: leaf.openDepartmentId });
    expect(store.childIds(ROOT_DEPARTMENT_ID)).toContain(department.openDepartmentId);
    const [deleted] = mutations.deleteDepartment(department.openDepartmentId);
    expect(deleted.event).toEqual({
      object: expect.objectContaining({ status: { is_deleted: true } }),
      old_object: { status: { is_deleted: false }, open_department_id: department.openDepartmentId },
    });
    expect(store.getDepartment(department.openDepartmentId)).toBeUndefined();
  });

  it.each([
    ['a department under itself', (m: OrgMutations, id: string) => m.moveDepartment(id, id)],
    ['a department with members', (m: OrgMutations, id: string) => m.deleteDepartment(id)],
    ['a user into no department', (m: OrgMutations) => m.moveUser('ou_unknown', [])],
  ])('should refuse %s', (_case, mutate) => {
    const { mutations, active } = setup();
    expect(() => mutate(mutations, active.departmentOpenIds[0])).toThrow(OrgMutationError);
  });

  it('should keep subtree member counts in step with mutations', () => {
    const { store, mutations, leaf } = setup();
    const parent = leaf.parentOpenId;
    const before = store.memberCount(parent === ROOT_DEPARTMENT_ID ? leaf.openDepartmentId : parent);
    mutations.hireUser({ name: 'Counted', departmentOpenIds: [leaf.openDepartmentId] });
    expect(store.memberCount(parent === ROOT_DEPARTMENT_ID ? leaf.openDepartmentId : parent)).toBe(
      before + 1,
    );
  });
});
