/**
 * Runs tasks with bounded concurrency; a task may enqueue more. Rejects with the first error once
 * the tasks already running have settled, and starts no new task after a failure.
 */
export async function runWorkQueue<T>(
  initial: T[],
  concurrency: number,
  work: (task: T, enqueue: (next: T) => void) => Promise<void>,
): Promise<void> {
  const queue = [...initial];
  let head = 0;
  let running = 0;
  let failure: { error: unknown } | undefined;
  await new Promise<void>((resolve) => {
    const pump = () => {
      while (!failure && running < concurrency && head < queue.length) {
        const task = queue[head++];
        running++;
        work(task, (next) => queue.push(next))
          .catch((error: unknown) => (failure ??= { error }))
          .finally(() => {
            running--;
            if (head > 1024) {
              queue.splice(0, head);
              head = 0;
            }
            pump();
          });
      }
      if (running === 0 && (failure || head >= queue.length)) resolve();
    };
    pump();
  });
  if (failure) throw failure.error;
}
