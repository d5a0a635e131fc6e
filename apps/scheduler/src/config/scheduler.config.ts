import { withPort } from '@app/config';

export class SchedulerEnv extends withPort(8082) {}
