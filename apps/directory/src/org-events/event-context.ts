import { EntityManager } from 'typeorm';
import type { DepartmentRecord, EventDecision, OrgScope } from '@app/directory-domain';
import type { OrgReader, OutboxWriter, StoredDepartment, StoredUser } from '../org-store';
import type { IdpContactEvent } from './lark-events-message.parser';
import type { PendingOrgChanges } from './pending-org-changes';

/** What a handler works with: the batch's transaction, the stores, and what is already loaded for the IdP. */
export interface EventContext {
  manager: EntityManager;
  reader: OrgReader;
  outbox: OutboxWriter;
  idpId: string;
  scope: OrgScope;
  /** The IdP's departments, kept current as the batch writes them. */
  departments: Map<string, StoredDepartment>;
  /** Users named by the batch's user events (null: unknown), kept current as the batch decides. */
  users: Map<string, StoredUser | null>;
  /** Decided, not yet written: flush before reading rows from the database. */
  pending: PendingOrgChanges;
}

/** Handles one event type: load current state, call the pure decision, queue its effect. */
export type ContactEventHandler = (event: IdpContactEvent, context: EventContext) => Promise<EventDecision>;

export type DepartmentRecords = ReadonlyMap<string, DepartmentRecord>;
