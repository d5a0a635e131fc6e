import { Injectable } from '@nestjs/common';
import type { EventDecision } from '@app/directory-domain';
import type { ContactEventHandler, EventContext } from '../event-context';
import type { ParsedLarkEvent } from '../lark-event-parser';
import { EntityEventApplier } from './entity-event.applier';

// One handler per event type, as the consumer routes them; the reconciliation itself is shared.

// decorated so that the constructor's parameter types are emitted for the subclasses
@Injectable()
abstract class EntityEventHandler implements ContactEventHandler {
  constructor(private readonly applier: EntityEventApplier) {}

  handle(event: ParsedLarkEvent, context: EventContext): Promise<EventDecision> {
    return this.applier.apply(event, context);
  }
}

/** `contact.department.created_v3`: a new department; orphans waiting for it get their path. */
@Injectable()
export class DepartmentCreatedHandler extends EntityEventHandler {}

/** `contact.department.updated_v3`: rename, leader, order, or a move that re-paths the whole subtree. */
@Injectable()
export class DepartmentUpdatedHandler extends EntityEventHandler {}

/** `contact.department.deleted_v3`: the department stays as a tombstone. */
@Injectable()
export class DepartmentDeletedHandler extends EntityEventHandler {}

/** `contact.user.created_v3`. */
@Injectable()
export class UserCreatedHandler extends EntityEventHandler {}

/** `contact.user.updated_v3`: attributes, departments, leader, status. */
@Injectable()
export class UserUpdatedHandler extends EntityEventHandler {}

/** `contact.user.deleted_v3`: the user resigned (never confused with leaving the scope). */
@Injectable()
export class UserDeletedHandler extends EntityEventHandler {}
