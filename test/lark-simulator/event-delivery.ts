import { EventEnvelope, challengePayload, wireRequest } from './event-envelopes';
import { postRaw } from './http-post';
import { Prng } from './prng';
import { SimAppConfig } from './sim-apps';
import { SimClock } from './sim-clock';

/** Lark retries a failed delivery after 15 s, 5 min, 1 h and 6 h (reference §3.7). */
export const LARK_RETRY_DELAYS_MS = [15_000, 300_000, 3_600_000, 21_600_000];
export const LARK_RESPONSE_DEADLINE_MS = 3_000;
export const LARK_CHALLENGE_DEADLINE_MS = 1_000;

export interface DeliveryOptions {
  /** Compress for tests, e.g. [10, 20, 40, 80]. */
  retryDelaysMs?: number[];
  responseDeadlineMs?: number;
  chaosSeed?: number;
}

/** Misbehaviour on demand. Probabilities are in [0, 1]; 1 makes it deterministic. */
export interface DeliveryChaos {
  duplicateProbability?: number;
  dropProbability?: number;
  /** Extra wait before the first attempt of every event. */
  delayMs?: number;
  /** Hold this many events and release them in reverse order. */
  reorderWindow?: number;
}

export interface DeliveryAttempt {
  eventId: string;
  eventType: string;
  appId: string;
  url: string;
  attempt: number;
  outcome: 'acked' | 'failed' | 'dropped';
  status?: number;
  error?: string;
  latencyMs: number;
  at: number;
}

/** Pushes events to each app's Request URL the way Lark does and records every attempt. */
export class EventDelivery {
  readonly attempts: DeliveryAttempt[] = [];
  readonly published: EventEnvelope[] = [];
  chaos: DeliveryChaos = {};
  private readonly retryDelaysMs: number[];
  private readonly deadlineMs: number;
  private readonly prng: Prng;
  private readonly timers = new Set<NodeJS.Timeout>();
  private held: Array<{ app: SimAppConfig; envelope: EventEnvelope }> = [];
  private pending = 0;
  private idleWaiters: Array<() => void> = [];
  private isStopped = false;

  constructor(
    private readonly clock: SimClock,
    options: DeliveryOptions = {},
  ) {
    this.retryDelaysMs = options.retryDelaysMs ?? LARK_RETRY_DELAYS_MS;
    this.deadlineMs = options.responseDeadlineMs ?? LARK_RESPONSE_DEADLINE_MS;
    this.prng = new Prng(options.chaosSeed ?? 1);
  }

  publish(app: SimAppConfig, envelope: EventEnvelope): void {
    this.published.push(envelope);
    if (!app.requestUrl) return;
    if (this.prng.chance(this.chaos.dropProbability ?? 0)) {
      this.record(app, envelope, 1, { outcome: 'dropped', latencyMs: 0 });
      return;
    }
    const copies = this.prng.chance(this.chaos.duplicateProbability ?? 0) ? 2 : 1;
    for (let i = 0; i < copies; i++) this.enqueue(app, envelope);
  }

  /** Releases events held back for reordering, newest first. */
  releaseHeld(): void {
    const held = this.held.reverse();
    this.held = [];
    held.forEach(({ app, envelope }) => this.schedule(app, envelope, 1, this.chaos.delayMs ?? 0));
  }

  /** The URL-verification handshake Lark runs when a Request URL is saved. */
  async verifyRequestUrl(
    app: SimAppConfig,
    url = app.requestUrl,
  ): Promise<{ isVerified: boolean; status?: number; body: string; error?: string }> {
    if (!url) return { isVerified: false, body: '', error: 'no request URL' };
    const payload = challengePayload(app);
    const { body, headers } = wireRequest(app, payload, this.clock.now());
    const result = await postRaw(url, body, headers, LARK_CHALLENGE_DEADLINE_MS);
    const echoed = safeParse(result.body)?.challenge;
    return {
      isVerified: result.status === 200 && echoed === payload.challenge,
      status: result.status,
      body: result.body,
      error: result.error,
    };
  }

  /** Resolves once nothing is in flight or waiting for a retry. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  attemptsFor(eventId: string): DeliveryAttempt[] {
    return this.attempts.filter((attempt) => attempt.eventId === eventId);
  }

  clear(): void {
    this.attempts.length = 0;
    this.published.length = 0;
  }

  stop(): void {
    this.isStopped = true;
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers.clear();
    this.pending = 0;
    this.notifyIdle();
  }

  private enqueue(app: SimAppConfig, envelope: EventEnvelope): void {
    const window = this.chaos.reorderWindow ?? 0;
    if (window > 1) {
      this.held.push({ app, envelope });
      if (this.held.length >= window) this.releaseHeld();
      return;
    }
    this.schedule(app, envelope, 1, this.chaos.delayMs ?? 0);
  }

  private schedule(app: SimAppConfig, envelope: EventEnvelope, attempt: number, delayMs: number): void {
    if (this.isStopped) return;
    this.pending++;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(app, envelope, attempt).finally(() => this.settleOne());
    }, delayMs);
    this.timers.add(timer);
  }

  private async attempt(app: SimAppConfig, envelope: EventEnvelope, attempt: number): Promise<void> {
    const url = app.requestUrl;
    if (!url || this.isStopped) return;
    const { body, headers } = wireRequest(app, envelope.payload, this.clock.now());
    const result = await postRaw(url, body, headers, this.deadlineMs);
    if (this.isStopped) return;
    const isAcked = result.status === 200;
    this.record(app, envelope, attempt, {
      outcome: isAcked ? 'acked' : 'failed',
      status: result.status,
      error: result.error,
      latencyMs: result.latencyMs,
    });
    const retryDelay = this.retryDelaysMs[attempt - 1];
    if (!isAcked && retryDelay !== undefined) this.schedule(app, envelope, attempt + 1, retryDelay);
  }

  private record(
    app: SimAppConfig,
    envelope: EventEnvelope,
    attempt: number,
    result: Pick<DeliveryAttempt, 'outcome' | 'status' | 'error' | 'latencyMs'>,
  ): void {
    this.attempts.push({
      eventId: envelope.eventId,
      eventType: envelope.eventType,
      appId: app.appId,
      url: app.requestUrl ?? '',
      attempt,
      at: this.clock.now(),
      ...result,
    });
  }

  private settleOne(): void {
    this.pending = Math.max(0, this.pending - 1);
    if (this.pending === 0) this.notifyIdle();
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    waiters.forEach((resolve) => resolve());
  }
}

function safeParse(text: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
