import { FaultInjector } from './faults';

describe('FaultInjector', () => {
  it('should fail only the second matching request when told to skip one and fire once', () => {
    const faults = new FaultInjector();
    faults.add({ endpoint: 'users', kind: 'server-error', status: 503, skip: 1, times: 1 });
    const actions = [1, 2, 3].map(() => faults.evaluate('users', false).action);
    expect(actions).toEqual(['none', 'respond', 'none']);
  });

  it.each([
    [
      'server-error',
      { action: 'respond', response: { status: 500, body: expect.objectContaining({ code: 1500 }) } },
    ],
    ['timeout', { action: 'hang' }],
    ['slow', { action: 'delay', delayMs: 250 }],
    [
      'token-invalid',
      {
        action: 'invalidate-token',
        response: { status: 400, body: expect.objectContaining({ code: 99991663 }) },
      },
    ],
  ] as const)('should turn a %s rule into its outcome', (kind, expected) => {
    const faults = new FaultInjector();
    faults.add({ endpoint: '*', kind, delayMs: 250 });
    expect(faults.evaluate('anything', false)).toEqual(expected);
  });

  it('should apply mid-pagination rules only to requests with a page token', () => {
    const faults = new FaultInjector();
    faults.add({ endpoint: 'users', kind: 'token-invalid', onlyWithPageToken: true });
    expect(faults.evaluate('users', false).action).toBe('none');
    expect(faults.evaluate('users', true).action).toBe('invalidate-token');
  });

  it('should stop firing once removed or cleared', () => {
    const faults = new FaultInjector();
    const rule = faults.add({ endpoint: 'users', kind: 'timeout' });
    faults.remove(rule.id);
    expect(faults.evaluate('users', false).action).toBe('none');
    faults.add({ endpoint: 'users', kind: 'timeout' });
    faults.clear();
    expect(faults.list()).toEqual([]);
  });
  it('should hold matching requests after the skipped ones until released, then let every one through', async () => {
    const faults = new FaultInjector();
    const held = faults.hold({ endpoint: 'users', skip: 1 });
    let reached = false;
    void held.reached.then(() => (reached = true));
    expect(faults.evaluate('users', false).action).toBe('none');
    expect(faults.evaluate('departments', false).action).toBe('none');
    await Promise.resolve();
    expect(reached).toBe(false);
    const outcome = faults.evaluate('users', false);
    expect(outcome.action).toBe('wait');
    let answered = false;
    if (outcome.action === 'wait') void outcome.until.then(() => (answered = true));
    await held.reached;
    await Promise.resolve();
    expect(answered).toBe(false);
    held.release();
    await Promise.resolve();
    await Promise.resolve();
    expect(answered).toBe(true);
    expect(faults.evaluate('users', false).action).toBe('none');
    expect(faults.list()).toEqual([]);
  });
});
