import { adminRoutes } from './admin-api';
import { DeliveryOptions, EventDelivery } from './event-delivery';
import { EventFanOut } from './event-fan-out';
import { FaultInjector } from './faults';
import { Router } from './http-kit';
import { OAuthGrants } from './oauth-grants';
import { OAuthOptions, oauthRoutes } from './oauth';
import { authRoutes } from './open-api/auth-routes';
import { departmentRoutes } from './open-api/department-routes';
import { scopeAndGroupRoutes } from './open-api/scope-group-routes';
import { userRoutes } from './open-api/user-routes';
import { generateOrg } from './org-generator';
import { SimOrg } from './org-model';
import { OrgMutations } from './org-mutations';
import { OrgStore } from './org-store';
import { DEFAULT_RATE_LIMITS, RateLimit, RateLimiter } from './rate-limiter';
import { DEFAULT_APP, SimAppConfig, SimApps } from './sim-apps';
import { SimClock } from './sim-clock';
import { SimCore } from './sim-core';
import { SimMutator } from './sim-mutator';
import { SimServer } from './sim-server';
import { SimStats } from './sim-stats';
import { TenantTokenRegistry } from './tenant-tokens';

export interface LarkSimulatorOptions extends OAuthOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  seed?: number;
  users?: number;
  departments?: number;
  groups?: number;
  tenantKey?: string;
  /** A ready org instead of generating one. */
  org?: SimOrg;
  apps?: SimAppConfig[];
  speedFactor?: number;
  rateLimits?: Record<string, RateLimit>;
  delivery?: DeliveryOptions;
}

export interface LarkSimulator extends SimCore {
  /** Base URL to give clients, e.g. the SDK's `domain`. */
  url: string;
  org: OrgStore;
  mutate: SimMutator;
  delivery: EventDelivery;
  oauth: OAuthGrants;
  stop(): Promise<void>;
}

export const DEFAULT_SEED = 42;
export const DEFAULT_USERS = 100;

export async function startLarkSimulator(options: LarkSimulatorOptions = {}): Promise<LarkSimulator> {
  const clock = new SimClock();
  const org =
    options.org ??
    generateOrg({
      seed: options.seed ?? DEFAULT_SEED,
      users: options.users ?? DEFAULT_USERS,
      departments: options.departments,
      groups: options.groups,
      tenantKey: options.tenantKey,
    });
  const store = new OrgStore(org);
  const core: SimCore = {
    clock,
    store,
    mutations: new OrgMutations(store),
    apps: new SimApps(options.apps ?? [{ ...DEFAULT_APP }]),
    tokens: new TenantTokenRegistry(clock),
    rateLimiter: new RateLimiter(
      clock,
      { ...DEFAULT_RATE_LIMITS, ...options.rateLimits },
      options.speedFactor ?? 1,
    ),
    stats: new SimStats(),
    faults: new FaultInjector(),
  };
  const delivery = new EventDelivery(clock, options.delivery);
  const mutate = new SimMutator(core.mutations, new EventFanOut(store, core.apps, delivery, clock));
  const oauth = new OAuthGrants(clock);
  const router = new Router().add(
    ...authRoutes(core),
    ...departmentRoutes(core),
    ...userRoutes(core),
    ...scopeAndGroupRoutes(core),
    ...oauthRoutes(core, oauth, options),
    ...adminRoutes(core, mutate, delivery),
  );
  const server = new SimServer(core, router);
  const url = await server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  const stop = async () => {
    delivery.stop();
    await server.close();
  };
  return { ...core, url, org: store, mutate, delivery, oauth, stop };
}
