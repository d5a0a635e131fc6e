import { CleanupStack } from './cleanup-stack';

describe('CleanupStack', () => {
  it('should run steps newest first, once, and go on after a failing step', async () => {
    const ran: string[] = [];
    const stack = new CleanupStack();
    stack.add('db', async () => void ran.push('db'));
    stack.add('broken', async () => {
      throw new Error('boom');
    });
    stack.add('kafka', async () => void ran.push('kafka'));
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);

    await Promise.all([stack.run(), stack.run()]);

    stderr.mockRestore();
    expect(ran).toEqual(['kafka', 'db']);
  });

  it('should run a step added after the stack ran', async () => {
    const ran: string[] = [];
    const stack = new CleanupStack();
    await stack.run();
    stack.add('late', async () => void ran.push('late'));
    await stack.run();
    expect(ran).toEqual(['late']);
  });
});
