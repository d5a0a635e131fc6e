import { MessageHeaders } from './headers';

export type FullSyncTrigger = 'scheduled' | 'manual' | 'scope-change';

/** Value of `directory.commands.v1`, keyed by idpId. Commands with the same commandId collapse. */
export interface FullSyncCommand {
  type: 'full-sync';
  commandId: string;
  idpId: string;
  reason: FullSyncTrigger;
  requestedAt: string;
  /** Sync users as well as the org structure (scheduled runs follow the IdP's setting). */
  includeUsers: boolean;
}

export type DirectoryCommand = FullSyncCommand;

export function fullSyncCommand(fields: Omit<FullSyncCommand, 'type'>): FullSyncCommand {
  return { type: 'full-sync', ...fields };
}

/** The `directory.commands.v1` record of a command: keyed by idpId, so one IdP's commands stay in order. */
export function directoryCommandRecord(command: DirectoryCommand): {
  key: string;
  value: string;
  headers: Record<string, string>;
} {
  return {
    key: command.idpId,
    value: JSON.stringify(command),
    headers: { [MessageHeaders.eventType]: command.type, [MessageHeaders.idpId]: command.idpId },
  };
}
