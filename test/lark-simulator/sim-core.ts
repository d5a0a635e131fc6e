import { FaultInjector } from './faults';
import { OrgMutations } from './org-mutations';
import { OrgStore } from './org-store';
import { RateLimiter } from './rate-limiter';
import { SimApps } from './sim-apps';
import { SimClock } from './sim-clock';
import { SimStats } from './sim-stats';
import { TenantTokenRegistry } from './tenant-tokens';

/** Shared state every route module works on. */
export interface SimCore {
  clock: SimClock;
  store: OrgStore;
  mutations: OrgMutations;
  apps: SimApps;
  tokens: TenantTokenRegistry;
  rateLimiter: RateLimiter;
  stats: SimStats;
  faults: FaultInjector;
}
