import { CreateScheduleSlot1764354000000 } from './1764354000000-CreateScheduleSlot';

/** Migrations of the scheduling area, in files named <timestamp>-<Change>.ts. */
export const schedulingMigrations: Function[] = [CreateScheduleSlot1764354000000];
