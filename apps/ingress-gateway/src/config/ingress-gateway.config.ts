import { withLarkBaseUrl, withMasterKey, withPort } from '@app/config';

export class IngressGatewayEnv extends withLarkBaseUrl(withMasterKey(withPort(8080))) {}
