import { EventEnvelope, Prng, SimUser } from '../lark-simulator';
import { FaultCluster } from './fault-cluster';

export interface TrafficOptions {
  /** Contact events to emit (a mutation may emit more than one; the stream stops once this many are out). */
  events: number;
  seed: number;
  /** Pause between mutations, so one user's changes carry distinct create times. */
  pauseMs?: number;
  /** Called after each mutation with the number of events emitted so far (to inject a fault mid-stream). */
  onProgress?: (emitted: number) => Promise<void> | void;
}

export interface Traffic {
  envelopes: EventEnvelope[];
  /** Users the stream resigned: their deactivation is wanted. */
  resigned: Set<string>;
}

/** A stream of contact changes on the simulator's org (renames, new titles, moves, hires, a few resignations). */
export async function runOrgTraffic(cluster: FaultCluster, options: TrafficOptions): Promise<Traffic> {
  const { mutate, org } = cluster.simulator;
  const prng = new Prng(options.seed);
  const traffic: Traffic = { envelopes: [], resigned: new Set() };
  const departments = org.departments().map((department) => department.openDepartmentId);
  let serial = 0;
  while (traffic.envelopes.length < options.events) {
    const users = org.listedUsers();
    const user: SimUser = prng.pick(users);
    const roll = prng.next();
    serial++;
    let emitted: EventEnvelope[];
    if (roll < 0.45)
      emitted = mutate.updateUser(user.openId, { name: `${user.name.split('~')[0]}~${serial}` });
    else if (roll < 0.7) emitted = mutate.updateUser(user.openId, { jobTitle: `Title ${serial}` });
    else if (roll < 0.9) emitted = mutate.moveUser(user.openId, [prng.pick(departments)]);
    else if (roll < 0.97 || users.length < 50)
      emitted = mutate.hireUser({
        name: `Hire ${serial}`,
        departmentOpenIds: [prng.pick(departments)],
      }).envelopes;
    else {
      emitted = mutate.resignUser(user.openId);
      traffic.resigned.add(user.openId);
    }
    traffic.envelopes.push(...emitted);
    await options.onProgress?.(traffic.envelopes.length);
    await new Promise((resolve) => setTimeout(resolve, options.pauseMs ?? 3));
  }
  return traffic;
}
