/** Entities of the directory area (one per table). */
export const directoryEntities: Function[] = [];
