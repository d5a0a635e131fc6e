import { BatchLoader } from './batch-loader';

describe('BatchLoader', () => {
  it('should load the keys asked for in one turn with one call per group', async () => {
    const calls: [string, string[]][] = [];
    const loader = new BatchLoader<string>(async (group, keys) => {
      calls.push([group, keys]);
      return new Map(keys.filter((key) => key !== 'missing').map((key) => [key, `${group}:${key}`]));
    });
    const results = await Promise.all([
      loader.load('a', 'x'),
      loader.load('a', 'y'),
      loader.load('b', 'x'),
      loader.load('a', 'x'),
      loader.load('a', 'missing'),
    ]);
    expect(results).toEqual(['a:x', 'a:y', 'b:x', 'a:x', null]);
    expect(calls).toEqual([
      ['a', ['x', 'y', 'missing']],
      ['b', ['x']],
    ]);
  });

  it('should start a new batch for keys asked for after a flush', async () => {
    const calls: string[][] = [];
    const loader = new BatchLoader<string>(async (_, keys) => {
      calls.push(keys);
      return new Map(keys.map((key) => [key, key]));
    });
    await loader.load('a', 'x');
    await loader.load('a', 'y');
    expect(calls).toEqual([['x'], ['y']]);
  });

  it('should reject every waiter of a group whose load failed and spare the other groups', async () => {
    const loader = new BatchLoader<string>(async (group, keys) => {
      if (group === 'bad') throw new Error('database down');
      return new Map(keys.map((key) => [key, key]));
    });
    const results = await Promise.allSettled([
      loader.load('bad', 'x'),
      loader.load('bad', 'y'),
      loader.load('good', 'z'),
    ]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
  });
});
