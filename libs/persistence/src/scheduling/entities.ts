import { ScheduleSlot } from './schedule-slot.entity';

export { ScheduleSlot };

/** Entities of the scheduling area (one per table). */
export const schedulingEntities: Function[] = [ScheduleSlot];
