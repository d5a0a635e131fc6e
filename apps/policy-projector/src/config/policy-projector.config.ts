import { withAdminToken, withPort } from '@app/config';

export class PolicyProjectorEnv extends withAdminToken(withPort(8083)) {}

/** Consumer group of the live projection (the rebuild uses a throw-away one). */
export const PROJECTOR_GROUP_ID = 'larksync-policy-projector';
