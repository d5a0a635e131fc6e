/** Entities of the full-sync area (one per table). */
export const fullSyncEntities: Function[] = [];
