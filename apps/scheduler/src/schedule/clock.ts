/** The scheduler's notion of now (ms since the epoch); a fake in tests. */
export abstract class Clock {
  abstract now(): number;
}

export class SystemClock extends Clock {
  now(): number {
    return Date.now();
  }
}
