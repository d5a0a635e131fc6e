import { ContactEvent } from './contact-event-objects';
import { ScopeView } from './contact-scope';
import { EventDelivery } from './event-delivery';
import { EventEnvelope, envelopeFor } from './event-envelopes';
import { ROOT_DEPARTMENT_ID } from './org-model';
import { OrgStore } from './org-store';
import { ContactScope, SimApps, SimAppConfig } from './sim-apps';
import { SimClock } from './sim-clock';
import { departmentApiObject, userApiObject, SerializeContext } from './open-api/contact-serializers';

/** Addresses contact events to every app whose contact scope covers them, and hands them to delivery. */
export class EventFanOut {
  constructor(
    private readonly store: OrgStore,
    private readonly apps: SimApps,
    private readonly delivery: EventDelivery,
    private readonly clock: SimClock,
  ) {}

  emit(events: ContactEvent[], onlyApp?: SimAppConfig): EventEnvelope[] {
    const envelopes: EventEnvelope[] = [];
    for (const app of onlyApp ? [onlyApp] : this.apps.list()) {
      const scope = new ScopeView(this.store, app.scope ?? { kind: 'all' });
      for (const event of events) {
        if (!onlyApp && !this.isVisible(scope, event)) continue;
        const envelope = envelopeFor(app, this.store.tenantKey, event, this.clock.now());
        envelopes.push(envelope);
        this.delivery.publish(app, envelope);
      }
    }
    return envelopes;
  }

  /** Changes the app's contact scope and notifies that app with contact.scope.updated_v3. */
  changeScope(appId: string, next: ContactScope): EventEnvelope[] {
    const app = this.apps.require(appId);
    const before = new ScopeView(this.store, app.scope ?? { kind: 'all' }).declaredEntries();
    app.scope = next;
    const after = new ScopeView(this.store, next).declaredEntries();
    const ctx: SerializeContext = {
      store: this.store,
      userIdType: 'open_id',
      departmentIdType: 'open_department_id',
      hasPermission: (p) => this.apps.hasPermission(app, p),
    };
    const describe = (departmentIds: string[], userIds: string[]) => ({
      departments: departmentIds
        .map((id) => this.store.getDepartment(id))
        .filter((d) => d !== undefined)
        .map((d) => departmentApiObject(d!, ctx)),
      users: userIds
        .map((id) => this.store.getUser(id))
        .filter((u) => u !== undefined)
        .map((u) => userApiObject(u!, ctx)),
      user_groups: [],
    });
    const minus = (a: string[], b: string[]) => a.filter((id) => !b.includes(id));
    const event = {
      added: describe(
        minus(after.departmentOpenIds, before.departmentOpenIds),
        minus(after.userOpenIds, before.userOpenIds),
      ),
      removed: describe(
        minus(before.departmentOpenIds, after.departmentOpenIds),
        minus(before.userOpenIds, after.userOpenIds),
      ),
    };
    return this.emit([{ eventType: 'contact.scope.updated_v3', event }], app);
  }

  private isVisible(scope: ScopeView, event: ContactEvent): boolean {
    if (scope.isAllMembers) return true;
    const object = (event.event.object ?? {}) as Record<string, unknown>;
    const oldObject = (event.event.old_object ?? {}) as Record<string, unknown>;
    const inScopeDepartment = (id: unknown) =>
      typeof id === 'string' && id !== ROOT_DEPARTMENT_ID && scope.includesDepartment(id);
    if (event.eventType.startsWith('contact.user.')) {
      const user = this.store.getUser(String(object.open_id));
      const formerDepartments = Array.isArray(oldObject.department_ids) ? oldObject.department_ids : [];
      return (user !== undefined && scope.includesUser(user)) || formerDepartments.some(inScopeDepartment);
    }
    return [object.open_department_id, object.parent_department_id, oldObject.parent_department_id].some(
      inScopeDepartment,
    );
  }
}
