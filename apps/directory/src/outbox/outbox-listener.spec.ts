import { DataSource } from 'typeorm';
import { createLogger } from '@app/logging';
import { OutboxListener } from './outbox-listener';

describe('OutboxListener', () => {
  const listener = () => new OutboxListener({} as DataSource, createLogger('outbox-listener-spec', 'silent'));
  const settledWithin = (promise: Promise<void>, ms: number) =>
    Promise.race([
      promise.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms)),
    ]);

  it('should not lose a notification that came while the relay was busy', async () => {
    const subject = listener();
    subject.wake();
    expect(await settledWithin(subject.waitForWake(60_000), 100)).toBe(true);
  });

  it('should keep one missed notification, not every one', async () => {
    const subject = listener();
    subject.wake();
    subject.wake();
    await subject.waitForWake(60_000);
    expect(await settledWithin(subject.waitForWake(60_000), 100)).toBe(false);
    subject.wake();
  });

  it('should wake a waiting relay at once', async () => {
    const subject = listener();
    const waiting = subject.waitForWake(60_000);
    subject.wake();
    expect(await settledWithin(waiting, 100)).toBe(true);
  });
});
