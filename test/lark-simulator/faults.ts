import { SimResponse, larkError } from './http-kit';

export type FaultKind = 'server-error' | 'timeout' | 'slow' | 'token-invalid';

export interface FaultRule {
  /** Endpoint key (e.g. `contact.user.find_by_department`) or `*` for every Lark API route. */
  endpoint: string;
  kind: FaultKind;
  /** For server-error: HTTP status (default 500) and body code (default 1500). */
  status?: number;
  code?: number;
  /** For slow: extra latency before the normal answer. */
  delayMs?: number;
  /** Let this many matching requests through before the fault starts (e.g. 1 = "page 2 fails"). */
  skip?: number;
  /** How many times the fault fires; unlimited when absent (1 = "fails once"). */
  times?: number;
  /** Only requests that carry a page_token, i.e. mid-pagination. */
  onlyWithPageToken?: boolean;
}

export interface ActiveFault extends FaultRule {
  id: number;
  matched: number;
  fired: number;
}

export type FaultOutcome =
  | { action: 'none' }
  | { action: 'respond'; response: SimResponse }
  | { action: 'hang' }
  | { action: 'delay'; delayMs: number }
  | { action: 'wait'; until: Promise<void> }
  | { action: 'invalidate-token'; response: SimResponse };

/** Requests held back by `FaultInjector.hold`: `reached` once the first waits, answered normally on `release`. */
export interface HeldRequests {
  reached: Promise<void>;
  release(): void;
}

/** Per-endpoint fault injection, configurable in-process and through POST /_sim/faults. */
export class FaultInjector {
  private rules: ActiveFault[] = [];
  private nextId = 1;
  private readonly holds = new Map<number, { until: Promise<void>; reached: () => void }>();

  /**
   * In-process only: matching requests (after `skip`) wait until `release`, so a test can act while a sync is
   * known to be in flight.
   */
  hold(rule: Pick<FaultRule, 'endpoint' | 'skip' | 'onlyWithPageToken'>): HeldRequests {
    let release!: () => void;
    let reached!: () => void;
    const until = new Promise<void>((resolve) => (release = resolve));
    const reachedOnce = new Promise<void>((resolve) => (reached = resolve));
    const active = this.add({ ...rule, kind: 'slow', delayMs: 0 });
    const held = { until, reached };
    this.holds.set(active.id, held);
    return {
      reached: reachedOnce,
      release: () => {
        this.remove(active.id);
        release();
      },
    };
  }

  add(rule: FaultRule): ActiveFault {
    const active: ActiveFault = { ...rule, id: this.nextId++, matched: 0, fired: 0 };
    this.rules.push(active);
    return active;
  }

  remove(id: number): void {
    this.rules = this.rules.filter((rule) => rule.id !== id);
    this.holds.delete(id);
  }

  clear(): void {
    this.rules = [];
    this.holds.clear();
  }

  list(): ActiveFault[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  /** Decides what happens to one request; the first rule that fires wins. */
  evaluate(endpoint: string, hasPageToken: boolean): FaultOutcome {
    for (const rule of this.rules) {
      if (rule.endpoint !== '*' && rule.endpoint !== endpoint) continue;
      if (rule.onlyWithPageToken && !hasPageToken) continue;
      rule.matched++;
      if (rule.matched <= (rule.skip ?? 0)) continue;
      if (rule.times !== undefined && rule.fired >= rule.times) continue;
      rule.fired++;
      const held = this.holds.get(rule.id);
      if (held) {
        held.reached();
        return { action: 'wait', until: held.until };
      }
      return outcomeOf(rule);
    }
    return { action: 'none' };
  }
}

function outcomeOf(rule: FaultRule): FaultOutcome {
  switch (rule.kind) {
    case 'server-error':
      return {
        action: 'respond',
        response: larkError(rule.status ?? 500, rule.code ?? 1500, 'internal error (injected)'),
      };
    case 'timeout':
      return { action: 'hang' };
    case 'slow':
      return { action: 'delay', delayMs: rule.delayMs ?? 5000 };
    case 'token-invalid':
      return {
        action: 'invalidate-token',
        response: larkError(
          400,
          99991663,
          'Invalid access token for authorization. Please make a request with token attached.',
        ),
      };
  }
}
