import { EntityManager } from 'typeorm';
import type { DepartmentRecord, EventDecision, OrgScope } from '@app/directory-domain';
import type { StoredDepartment } from '../org-store';
import type { ParsedLarkEvent } from './lark-event-parser';

/** What a handler works with: the batch's transaction and what is already loaded for the IdP. */
export interface EventContext {
  manager: EntityManager;
  idpId: string;
  scope: OrgScope;
  /** The IdP's departments, kept current as the batch writes them. */
  departments: Map<string, StoredDepartment>;
}

/** One handler per event type: load current state, call the pure decision, write its effect. */
export interface ContactEventHandler {
  handle(event: ParsedLarkEvent, context: EventContext): Promise<EventDecision>;
}

export type DepartmentRecords = ReadonlyMap<string, DepartmentRecord>;
