import { Inject, Injectable } from '@nestjs/common';
import { parseEnterpriseIdentifier } from '@app/contracts';
import { EnterpriseIdentitySourceReader } from '@app/persistence';
import { ClientLanguage } from '../client-language/client-language';
import { ClientDiscoveryMetrics } from './client-discovery.metrics';
import { discoveryMessages } from './client-discovery.messages';
import { DiscoveryRateLimit } from './discovery-rate-limit';

export interface ClientDiscoveryOptions {
  publicBaseUrl: string;
  perAddressPerMinute: number;
}

export const CLIENT_DISCOVERY_OPTIONS = Symbol('CLIENT_DISCOVERY_OPTIONS');

/** An identity source as the SASE client lists it. */
export interface ClientIdentitySource {
  id: string;
  /** The IdP's Description, or its name when that is empty. */
  logonTitle: string;
  kind: 'lark';
  /** Starts the sign-in; the client adds `redirect_uri`, `code_challenge`, `code_challenge_method=S256` and `state`. */
  signInUrl: string;
}

export type DiscoveryReply =
  | { status: 200; body: { enterprise: string; identitySources: ClientIdentitySource[] } }
  | { status: 404; body: { error: 'unknown_enterprise'; message: string } }
  | { status: 429; retryAfter: number; body: { error: 'too_many_requests'; message: string } };

/** The enabled identity sources of the enterprise an authentication identifier names, for the SASE client. */
@Injectable()
export class ClientDiscoveryService {
  private readonly limit: DiscoveryRateLimit;
  private readonly base: string;

  constructor(
    private readonly sources: EnterpriseIdentitySourceReader,
    private readonly metrics: ClientDiscoveryMetrics,
    @Inject(CLIENT_DISCOVERY_OPTIONS) options: ClientDiscoveryOptions,
  ) {
    this.limit = new DiscoveryRateLimit(options.perAddressPerMinute);
    this.base = options.publicBaseUrl.replace(/\/+$/, '');
  }

  async identitySources(
    rawIdentifier: string,
    address: string,
    language: ClientLanguage,
  ): Promise<DiscoveryReply> {
    const retryAfter = await this.limit.retryAfter(address);
    if (retryAfter !== null) {
      this.metrics.lookups.inc({ outcome: 'throttled' });
      return {
        status: 429,
        retryAfter,
        body: {
          error: 'too_many_requests',
          message: discoveryMessages.tooManyRequests(retryAfter)[language],
        },
      };
    }
    const identifier = parseEnterpriseIdentifier(rawIdentifier);
    const enterprise = identifier ? await this.sources.findByIdentifier(identifier) : null;
    if (!identifier || !enterprise) {
      this.metrics.lookups.inc({ outcome: 'unknown' });
      return {
        status: 404,
        body: { error: 'unknown_enterprise', message: discoveryMessages.unknownEnterprise[language] },
      };
    }
    this.metrics.lookups.inc({ outcome: 'found' });
    const identitySources = enterprise.sources
      .filter((source) => source.status === 'enabled')
      .map((source) => ({
        id: source.idpId,
        logonTitle: source.description.trim() || source.name,
        kind: 'lark' as const,
        signInUrl: `${this.base}/sso/${source.idpId}/login?enterprise=${identifier}`,
      }));
    return { status: 200, body: { enterprise: identifier, identitySources } };
  }
}
