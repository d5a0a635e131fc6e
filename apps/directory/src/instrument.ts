import { loadConfigOrExit } from '@app/config';
import { startTelemetry } from '@app/telemetry';
import { DirectoryEnv } from './config/directory.config';

// First import of main.ts: invalid config exits here, before the heavy modules load and anything connects.
loadConfigOrExit('directory', DirectoryEnv);
startTelemetry({ serviceName: 'larksync-directory' });
