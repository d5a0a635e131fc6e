import { startTelemetry } from '@app/telemetry';

startTelemetry({ serviceName: 'larksync-policy-projector' });
