import { startTelemetry } from '@app/telemetry';

startTelemetry({ serviceName: 'larksync-ingress-gateway' });
