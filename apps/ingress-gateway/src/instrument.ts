import { loadConfigOrExit } from '@app/config';
import { startTelemetry } from '@app/telemetry';
import { IngressGatewayEnv } from './config/ingress-gateway.config';

// First import of main.ts: invalid config exits here, before the heavy modules load and anything connects.
loadConfigOrExit('ingress-gateway', IngressGatewayEnv);
startTelemetry({ serviceName: 'larksync-ingress-gateway' });
