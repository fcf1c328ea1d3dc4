import type { Runner, WorkerEvents } from 'graphile-worker';
import { expect, it, vi } from 'vitest';
import { createLogger } from '../../../../server/src/lib/logger.js';
import { WorkerSupervisor } from '../../../../server/src/modules/mail/worker-supervisor.js';

/** A runner whose worker pools `ids` report on `events`, and which fails (the database lost) when told to. */
function fakeRunner(events: WorkerEvents, ids: string[]) {
  let fail!: (err: Error) => void;
  const promise = new Promise<void>((_, reject) => (fail = reject));
  for (const id of ids) events.emit('pool:create', { workerPool: { id } } as never);
  return { runner: { promise, stop: async () => {} } as unknown as Runner, fail };
}

it('unlocks the jobs of a failed runner’s workers before starting the next runner (a lost database leaves them locked)', async () => {
  vi.useFakeTimers();
  try {
    const calls: string[] = [];
    const runners: ReturnType<typeof fakeRunner>[] = [];
    const supervisor = new WorkerSupervisor(
      async (events) => {
        calls.push('start');
        const r = fakeRunner(events, [`w${runners.length * 2 + 1}`, `w${runners.length * 2 + 2}`]);
        runners.push(r);
        return r.runner;
      },
      createLogger('silent'),
      async (ids) => void calls.push(`unlock ${ids.join(',')}`),
    );
    await supervisor.run();
    expect(calls).toEqual(['start']);

    runners[0].fail(new Error('Connection terminated unexpectedly'));
    await vi.advanceTimersByTimeAsync(600);
    expect(calls).toEqual(['start', 'unlock w1,w2', 'start']);

    // each failed runner's workers once: the second failure unlocks only w3 and w4
    runners[1].fail(new Error('Connection terminated unexpectedly'));
    await vi.advanceTimersByTimeAsync(600);
    expect(calls).toEqual(['start', 'unlock w1,w2', 'start', 'unlock w3,w4', 'start']);
    await supervisor.stop();
  } finally {
    vi.useRealTimers();
  }
});

it('keeps the workers to unlock while the database is still down, and retries', async () => {
  vi.useFakeTimers();
  try {
    const unlocked: string[][] = [];
    let down = true;
    let starts = 0;
    let first!: ReturnType<typeof fakeRunner>;
    const supervisor = new WorkerSupervisor(
      async (events) => {
        starts++;
        const r = fakeRunner(events, [`w${starts}`]);
        first ??= r;
        return r.runner;
      },
      createLogger('silent'),
      async (ids) => {
        if (down) throw new Error('connect ECONNREFUSED');
        unlocked.push(ids);
      },
    );
    await supervisor.run();
    first.fail(new Error('Connection terminated unexpectedly'));
    await vi.advanceTimersByTimeAsync(600); // the unlock fails: no new runner yet
    expect(starts).toBe(1);
    down = false;
    await vi.advanceTimersByTimeAsync(1_100);
    expect(unlocked).toEqual([['w1']]);
    expect(starts).toBe(2);
    await supervisor.stop();
  } finally {
    vi.useRealTimers();
  }
});
