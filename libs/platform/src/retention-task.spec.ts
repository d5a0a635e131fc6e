import pino from 'pino';
import { RetentionTask } from './retention-task';

class FakeRetention extends RetentionTask {
  readonly limits: number[] = [];
  constructor(private readonly batches: (() => Promise<number>)[]) {
    super('test rows', pino({ level: 'silent' }));
  }
  protected deleteBatch(limit: number): Promise<number> {
    this.limits.push(limit);
    return this.batches.shift()!();
  }
}

describe('RetentionTask', () => {
  it('deletes batch after batch until one comes back short', async () => {
    const task = new FakeRetention([async () => 10_000, async () => 10_000, async () => 3]);
    await task.prune();
    expect(task.limits).toEqual([10_000, 10_000, 10_000]);
  });

  it('survives the database going away mid-way, and tries again on the next run', async () => {
    const task = new FakeRetention([
      async () => 10_000,
      () => Promise.reject(new Error('connection terminated')),
      async () => 0,
    ]);
    await expect(task.prune()).resolves.toBeUndefined();
    await task.prune();
    expect(task.limits).toHaveLength(3);
  });
});
