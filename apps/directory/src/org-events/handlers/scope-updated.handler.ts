import { directoryCommandRecord, fullSyncCommand, Topics } from '@app/contracts';
import type { EventDecision } from '@app/directory-domain';
import type { EventContext } from '../event-context';
import type { IdpContactEvent } from '../lark-events-message.parser';

/**
 * `contact.scope.updated_v3`: the app's contact scope changed. Nothing is changed here (a shrinking scope
 * must never read as resignations); a full sync is requested through the outbox, once per event.
 */
export async function requestFullSyncForScopeChange(
  event: IdpContactEvent,
  context: EventContext,
): Promise<EventDecision> {
  const command = fullSyncCommand({
    commandId: `scope-change:${event.eventId}`,
    idpId: context.idpId,
    reason: 'scope-change',
    requestedAt: new Date(event.createTime).toISOString(),
    includeUsers: true,
  });
  // the outbox keeps the order of the events before it
  await context.pending.flush();
  await context.outbox.enqueue(context.manager, [
    { topic: Topics.directoryCommands, ...directoryCommandRecord(command) },
  ]);
  return {
    outcome: 'full_sync_requested',
    entity: event.entity,
    writes: [],
    changes: [],
    affectedUserIds: [],
  };
}
