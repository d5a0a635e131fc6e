import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { toInt, withPort } from '@app/config';

export class SchedulerEnv extends withPort(8082) {
  /** How often each replica looks for due slots. */
  @Transform(toInt)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(100, { message: 'must be at least 100 ms' })
  @Max(600_000, { message: 'must be at most 600000 ms (10 minutes)' })
  SCHEDULER_TICK_MS = 5000;

  /** How long a claimed slot may stay unpublished (its replica died) before another replica publishes it. */
  @Transform(toInt)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(1000, { message: 'must be at least 1000 ms' })
  @Max(3_600_000, { message: 'must be at most 3600000 ms (1 hour)' })
  SCHEDULER_CLAIM_TIMEOUT_MS = 60_000;
}
