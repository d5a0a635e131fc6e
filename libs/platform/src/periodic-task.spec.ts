import { PeriodicTask } from './periodic-task';

describe('PeriodicTask', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function aTask() {
    const finishers: (() => void)[] = [];
    const task = jest.fn(() => new Promise<void>((resolve) => finishers.push(resolve)));
    const finishAll = async () => {
      finishers.splice(0).forEach((finish) => finish());
      await Promise.resolve();
    };
    return { task, finishAll };
  }

  it('should run at once, then every interval', async () => {
    const { task, finishAll } = aTask();
    const periodic = new PeriodicTask(task, 1_000);
    periodic.start();
    expect(task).toHaveBeenCalledTimes(1);
    await finishAll();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(task).toHaveBeenCalledTimes(2);
    await finishAll();
    await periodic.stop();
    await jest.advanceTimersByTimeAsync(5_000);
    expect(task).toHaveBeenCalledTimes(2);
  });

  it('should never run twice at a time: a tick or a call during a run joins it', async () => {
    const { task, finishAll } = aTask();
    const periodic = new PeriodicTask(task, 1_000);
    periodic.start();
    await jest.advanceTimersByTimeAsync(3_000);
    const joined = periodic.run();
    expect(task).toHaveBeenCalledTimes(1);
    await finishAll();
    await joined;
    const again = periodic.run();
    expect(task).toHaveBeenCalledTimes(2);
    await finishAll();
    await again;
    await periodic.stop();
  });

  it('should wait on stop for the run in flight', async () => {
    const { task, finishAll } = aTask();
    const periodic = new PeriodicTask(task, 1_000);
    periodic.start();
    let stopped = false;
    const stopping = periodic.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    await finishAll();
    await stopping;
    expect(stopped).toBe(true);
  });
});
