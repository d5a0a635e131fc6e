import { ServedSubject, SubjectDocumentCache } from './subject-document-cache';

const served = (version: number, size = 10): ServedSubject => ({
  etag: `"${version}"`,
  body: Buffer.alloc(size, version),
});

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

describe('SubjectDocumentCache', () => {
  let clock: number;
  let cache: SubjectDocumentCache;
  const lookup = (openId: string, value: ServedSubject | null, idpId = 'idp-a') =>
    cache.lookup(idpId, openId, () => Promise.resolve(value));

  beforeEach(() => {
    clock = 0;
    cache = new SubjectDocumentCache({ ttlMs: 1_000, maxBytes: 100 }, () => clock);
  });

  it('should serve a loaded subject again without loading', async () => {
    await lookup('ou_1', served(1));
    expect(await lookup('ou_1', served(2))).toEqual(served(1));
  });

  it('should not cache an unknown subject', async () => {
    await lookup('ou_1', null);
    expect(await lookup('ou_1', served(1))).toEqual(served(1));
  });

  it('should load again once an entry is older than its time to live', async () => {
    await lookup('ou_1', served(1));
    clock = 999;
    expect(await lookup('ou_1', served(2))).toEqual(served(1));
    clock = 1_000;
    expect(await lookup('ou_1', served(2))).toEqual(served(2));
  });

  it.each([
    ['the subject', (c: SubjectDocumentCache) => c.invalidate('idp-a', 'ou_1')],
    ['its IdP', (c: SubjectDocumentCache) => c.invalidateIdp('idp-a')],
    ['everything', (c: SubjectDocumentCache) => c.clear()],
  ])('should load again after invalidating %s', async (_, invalidate) => {
    await lookup('ou_1', served(1));
    invalidate(cache);
    expect(await lookup('ou_1', served(2))).toEqual(served(2));
  });

  it('should keep other keys when one subject is invalidated', async () => {
    await lookup('ou_1', served(1));
    await lookup('ou_2', served(1));
    await lookup('ou_1', served(1), 'idp-b');
    cache.invalidate('idp-a', 'ou_2');
    expect(await lookup('ou_1', served(2))).toEqual(served(1));
    expect(await lookup('ou_2', served(2))).toEqual(served(2));
    expect(await lookup('ou_1', served(2), 'idp-b')).toEqual(served(1));
  });

  it("should keep other IdPs' subjects when one IdP is invalidated, even an IdP whose id extends it", async () => {
    await lookup('ou_1', served(1));
    await lookup('ou_1', served(1), 'idp-a2');
    cache.invalidateIdp('idp-a');
    expect(await lookup('ou_1', served(2))).toEqual(served(2));
    expect(await lookup('ou_1', served(2), 'idp-a2')).toEqual(served(1));
  });

  it('should answer a hit without waiting, and nothing for a miss or an expired entry', async () => {
    expect(cache.get('idp-a', 'ou_1')).toBeUndefined();
    await lookup('ou_1', served(1));
    expect(cache.get('idp-a', 'ou_1')).toEqual(served(1));
    clock = 1_000;
    expect(cache.get('idp-a', 'ou_1')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('should keep nothing while suspended, and start empty when resumed', async () => {
    await lookup('ou_1', served(1));
    cache.suspend();
    expect(await lookup('ou_1', served(2))).toEqual(served(2));
    expect(await lookup('ou_1', served(3))).toEqual(served(3));
    const slow = deferred<ServedSubject | null>();
    cache.resume();
    const racing = cache.lookup('idp-a', 'ou_2', () => slow.promise);
    cache.suspend();
    cache.resume();
    slow.resolve(served(1));
    await racing;
    expect(cache.size).toBe(0);
    expect(await lookup('ou_1', served(4))).toEqual(served(4));
    expect(await lookup('ou_1', served(5))).toEqual(served(4));
  });

  it('should not keep a load that an invalidation overtook (it may predate the commit)', async () => {
    const slow = deferred<ServedSubject | null>();
    const racing = cache.lookup('idp-a', 'ou_1', () => slow.promise);
    cache.invalidate('idp-a', 'ou_1');
    slow.resolve(served(1));
    expect(await racing).toEqual(served(1));
    expect(await lookup('ou_1', served(2))).toEqual(served(2));
  });

  it('should not confuse keys whose concatenation is equal', async () => {
    await cache.lookup('a/b', 'c', () => Promise.resolve(served(1)));
    expect(await cache.lookup('a', 'b/c', () => Promise.resolve(served(2)))).toEqual(served(2));
  });

  it('should evict the least recently used entries beyond its byte bound', async () => {
    for (const id of ['ou_1', 'ou_2', 'ou_3']) await lookup(id, served(1, 30));
    await lookup('ou_1', served(9, 30));
    await lookup('ou_4', served(1, 30));
    expect(cache.size).toBe(3);
    expect(await lookup('ou_1', served(2, 30))).toEqual(served(1, 30));
    expect(await lookup('ou_2', served(2, 30))).toEqual(served(2, 30));
  });

  it('should not cache a body larger than its byte bound', async () => {
    await lookup('ou_1', served(1, 101));
    expect(cache.size).toBe(0);
  });
});
