/** Entities of the projection area (one per table). */
export const projectionEntities: Function[] = [];
