import type { ContactEventType } from '@app/contracts';
import type { ContactEventHandler } from '../event-context';
import { reconcileEntityEvent } from './entity-event.handler';
import { requestFullSyncForScopeChange } from './scope-updated.handler';

/**
 * The handling of each Lark contact event, by event type (as the Lark SDK's `EventDispatcher.register`).
 * A `Record` so that a new `ContactEventType` does not compile until it has a handler.
 */
export const contactEventHandlers: Record<ContactEventType, ContactEventHandler> = {
  /** A new department; orphans waiting for it get their path. */
  'contact.department.created_v3': reconcileEntityEvent,
  /** Rename, leader, order, or a move that re-paths the whole subtree. */
  'contact.department.updated_v3': reconcileEntityEvent,
  /** The department stays as a tombstone. */
  'contact.department.deleted_v3': reconcileEntityEvent,
  'contact.user.created_v3': reconcileEntityEvent,
  /** Attributes, departments, leader, status. */
  'contact.user.updated_v3': reconcileEntityEvent,
  /** The user resigned (never confused with leaving the scope). */
  'contact.user.deleted_v3': reconcileEntityEvent,
  /** The app's contact scope changed: a full sync decides, never the event. */
  'contact.scope.updated_v3': requestFullSyncForScopeChange,
};
