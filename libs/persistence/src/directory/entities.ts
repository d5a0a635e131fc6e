import { ChangeLog } from './change-log.entity';
import { Department } from './department.entity';
import { DirectoryUserRow } from './directory-user.entity';
import { OutboxRecord } from './outbox.entity';
import { ProcessedEvent } from './processed-event.entity';

/** Entities of the directory area (one per table). */
export const directoryEntities: Function[] = [
  Department,
  DirectoryUserRow,
  ProcessedEvent,
  ChangeLog,
  OutboxRecord,
];
