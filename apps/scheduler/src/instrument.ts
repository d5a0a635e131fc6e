import { loadConfigOrExit } from '@app/config';
import { startTelemetry } from '@app/telemetry';
import { SchedulerEnv } from './config/scheduler.config';

// First import of main.ts: invalid config exits here, before the heavy modules load and anything connects.
loadConfigOrExit('scheduler', SchedulerEnv);
startTelemetry({ serviceName: 'larksync-scheduler' });
