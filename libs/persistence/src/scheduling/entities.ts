/** Entities of the scheduling area (one per table). */
export const schedulingEntities: Function[] = [];
