import { RunSlots } from './run-slots';

describe('RunSlots', () => {
  it('runs at most the limit at once and hands freed slots out in arrival order', async () => {
    const slots = new RunSlots(2);
    const started: string[] = [];
    const releases = new Map<string, () => void>();
    const run = (name: string) =>
      slots.acquire().then((release) => {
        started.push(name);
        releases.set(name, release);
      });
    const all = ['a', 'b', 'c', 'd', 'e'].map(run);
    await Promise.resolve();
    await Promise.resolve();
    expect(started).toEqual(['a', 'b']);
    expect(slots.queued).toBe(3);

    releases.get('b')!();
    releases.get('b')!(); // a second release of the same slot frees nothing more
    await new Promise(setImmediate);
    expect(started).toEqual(['a', 'b', 'c']);

    releases.get('a')!();
    releases.get('c')!();
    await new Promise(setImmediate);
    expect(started).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(slots.queued).toBe(0);
    releases.get('d')!();
    releases.get('e')!();
    await Promise.all(all);
    const release = await slots.acquire();
    await slots.acquire();
    expect(slots.queued).toBe(0);
    release();
  });

  it.each([0, -1, 1.5])('refuses a limit of %p', (limit) => {
    expect(() => new RunSlots(limit)).toThrow(/at least one/);
  });
});
