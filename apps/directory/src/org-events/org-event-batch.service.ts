import { Inject, Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { metricsOn } from '@app/platform';
import { DataSource, EntityManager } from 'typeorm';
import { entityKey } from '@app/contracts';
import type { EventOutcome, OrgScope } from '@app/directory-domain';
import { LOGGER, Logger } from '@app/logging';
import { OrgReader, OrgWriter, OutboxWriter, StoredUser } from '../org-store';
import type { EventContext } from './event-context';
import { contactEventHandlers } from './handlers/contact-event.handlers';
import { IdpScopeRepository } from './idp-scope.repository';
import type { IdpContactEvent } from './lark-events-message.parser';
import { PendingOrgChanges } from './pending-org-changes';

export type BatchOutcome = EventOutcome | 'unknown_idp';

export interface EventResult {
  event: IdpContactEvent;
  outcome: BatchOutcome;
}

/**
 * Applies a batch of contact events in ONE transaction: per IdP (locked, in sorted order) it skips event
 * ids already processed, routes each event to its handler in `contactEventHandlers` (which decides on the
 * batch's in-memory view of the rows) and writes the batch's effect with few statements, recording the
 * applied ids with it.
 */
@Injectable()
export class OrgEventBatchService {
  private readonly outcomes: Counter;

  constructor(
    private readonly dataSource: DataSource,
    private readonly reader: OrgReader,
    private readonly writer: OrgWriter,
    private readonly outbox: OutboxWriter,
    private readonly scopes: IdpScopeRepository,
    @Inject(LOGGER) private readonly logger: Logger,
    registry: Registry,
  ) {
    const metrics = metricsOn(registry);
    this.outcomes = metrics.counter('larksync_directory_events_total', 'Lark contact events by outcome', [
      'event_type',
      'outcome',
    ]);
  }

  async reconcileBatch(events: readonly IdpContactEvent[]): Promise<EventResult[]> {
    const idpIds = [...new Set(events.map((event) => event.idpId))].sort();
    const results = await this.dataSource.transaction(async (manager) => {
      const all: EventResult[] = [];
      for (const idpId of idpIds)
        all.push(
          ...(await this.reconcileForIdp(
            manager,
            idpId,
            events.filter((event) => event.idpId === idpId),
          )),
        );
      return all;
    });
    for (const result of results) this.report(result);
    return results;
  }

  private async reconcileForIdp(
    manager: EntityManager,
    idpId: string,
    events: IdpContactEvent[],
  ): Promise<EventResult[]> {
    await this.writer.lockIdp(manager, idpId);
    const scope = await this.scopes.scopeOf(manager, idpId);
    if (!scope) return events.map((event) => ({ event, outcome: 'unknown_idp' }));
    const claimed = await this.writer.claimEvents(
      manager,
      idpId,
      events.map((event) => event.eventId),
    );
    const context = await this.loadContext(
      manager,
      idpId,
      scope,
      events.filter((event) => claimed.has(event.eventId)),
    );
    const results: EventResult[] = [];
    for (const event of events) {
      if (!claimed.delete(event.eventId)) {
        results.push({ event, outcome: 'duplicate' });
        continue;
      }
      const decision = await contactEventHandlers[event.eventType](event, context);
      results.push({ event, outcome: decision.outcome });
    }
    await context.pending.flush();
    return results;
  }

  /**
   * The users the batch's user events name and the departments its decisions need, one query each: the whole
   * tree for a department event, else only the departments the user events name (their stored paths decide scope).
   */
  private async loadContext(
    manager: EntityManager,
    idpId: string,
    scope: OrgScope,
    events: IdpContactEvent[],
  ): Promise<EventContext> {
    const userIds = [...new Set(events.flatMap(({ entity }) => (entity.kind === 'user' ? [entity.id] : [])))];
    const departments = events.some(({ entity }) => entity.kind === 'department')
      ? await this.reader.departments(idpId, manager)
      : await this.reader.departmentsByIds(idpId, [...new Set(events.flatMap(namedDepartmentIds))], manager);
    const users = new Map<string, StoredUser | null>(userIds.map((id) => [id, null]));
    for (const row of await this.reader.usersByIds(idpId, userIds, manager)) users.set(row.user.openId, row);
    return {
      manager,
      reader: this.reader,
      outbox: this.outbox,
      idpId,
      scope,
      departments: new Map(departments.map((row) => [row.department.openDepartmentId, row])),
      users,
      pending: new PendingOrgChanges(this.writer, manager, idpId),
    };
  }

  private report({ event, outcome }: EventResult): void {
    this.outcomes.inc({ event_type: event.eventType, outcome });
    const key = entityKey(event.idpId, event.entity.id ?? event.idpId);
    const line = { eventId: event.eventId, eventType: event.eventType, entityKey: key, outcome };
    if (outcome === 'unknown_idp') this.logger.warn(line, 'lark event for an unknown IdP ignored');
    else this.logger.info(line, `lark event ${outcome}`);
  }
}

/** Department ids a user event names, now and before (a deletion may keep the former ones). */
function namedDepartmentIds({ entity, payload }: IdpContactEvent): string[] {
  if (entity.kind !== 'user') return [];
  const ids = (object: unknown) => {
    const value = (object as { department_ids?: unknown } | null | undefined)?.department_ids;
    return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
  };
  return [...ids(payload.object), ...ids(payload.old_object)];
}
