import { withPort } from '@app/config';

export class PolicyProjectorEnv extends withPort(8083) {}
