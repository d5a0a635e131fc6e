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
  | { action: 'invalidate-token'; response: SimResponse };

/** Per-endpoint fault injection, configurable in-process and through POST /_sim/faults. */
export class FaultInjector {
  private rules: ActiveFault[] = [];
  private nextId = 1;

  add(rule: FaultRule): ActiveFault {
    const active: ActiveFault = { ...rule, id: this.nextId++, matched: 0, fired: 0 };
    this.rules.push(active);
    return active;
  }

  remove(id: number): void {
    this.rules = this.rules.filter((rule) => rule.id !== id);
  }

  clear(): void {
    this.rules = [];
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
