import { TurnBatch } from '../../src/state/turn-batch';

/** Queues `count` tasks in one tick; each logs when it runs and when its caller resumes. */
function queueTasks(batch: TurnBatch, count: number, log: string[], failing = -1) {
  return Array.from({ length: count }, (_, i) =>
    batch
      .run(() => {
        log.push(`run ${i}`);
        if (i === failing) throw new Error(`task ${i} failed`);
        return i * 10;
      })
      .then((value) => {
        log.push(`after ${i}`);
        return value;
      }),
  );
}

describe('TurnBatch', () => {
  it('runs the tasks queued in one tick back to back, before any caller resumes', async () => {
    const log: string[] = [];
    const results = await Promise.all(queueTasks(new TurnBatch(), 3, log));
    expect(results).toEqual([0, 10, 20]);
    expect(log).toEqual(['run 0', 'run 1', 'run 2', 'after 0', 'after 1', 'after 2']);
  });

  it('does not run a task synchronously inside run()', () => {
    const batch = new TurnBatch();
    let ran = false;
    void batch.run(() => (ran = true));
    expect(ran).toBe(false);
  });

  it('rejects only the task that threw; the rest of its batch still answers', async () => {
    const log: string[] = [];
    const settled = await Promise.allSettled(queueTasks(new TurnBatch(), 3, log, 1));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toEqual(new Error('task 1 failed'));
    expect(log.filter((l) => l.startsWith('run'))).toEqual(['run 0', 'run 1', 'run 2']);
  });

  it('runs at most maxSize tasks per batch and the rest in the next one', async () => {
    const log: string[] = [];
    await Promise.all(queueTasks(new TurnBatch(2), 5, log));
    expect(log).toEqual([
      'run 0',
      'run 1',
      'after 0',
      'after 1',
      'run 2',
      'run 3',
      'after 2',
      'after 3',
      'run 4',
      'after 4',
    ]);
  });

  it('keeps accepting tasks queued by a caller after its batch ran', async () => {
    const batch = new TurnBatch();
    const first = await batch.run(() => 1);
    const second = await batch.run(() => first + 1);
    expect(second).toBe(2);
  });
});
