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
