import { loadConfigOrExit } from '@app/config';
import { startTelemetry } from '@app/telemetry';
import { PolicyProjectorEnv } from './config/policy-projector.config';

// First import of main.ts: invalid config exits here, before the heavy modules load and anything connects.
loadConfigOrExit('policy-projector', PolicyProjectorEnv);
startTelemetry({
  serviceName: 'larksync-policy-projector',
  // Subject lookups (SubjectRoute) are the policy engine's hot read: traced only within a caller's trace.
  untracedPaths: /^\/v1\/idps\/[^/?]+\/subjects\/[^/?]+(\?|$)/,
});
