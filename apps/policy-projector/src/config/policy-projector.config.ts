import { withAdminToken, withConsumerGroup, withPort } from '@app/config';

/** Consumer group of the live projection (the rebuild uses a throw-away one). */
export const PROJECTOR_GROUP_ID = 'larksync-policy-projector';

export class PolicyProjectorEnv extends withConsumerGroup(
  withAdminToken(withPort(8083)),
  PROJECTOR_GROUP_ID,
) {}
