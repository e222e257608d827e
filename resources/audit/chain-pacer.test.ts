import { ChainPacer } from './chain-pacer';

/** A drain that the test finishes by hand, counting how often it was asked for. */
function manualDrain() {
  const calls: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  return {
    calls,
    drain: () => new Promise<void>((resolve, reject) => calls.push({ resolve, reject })),
    async finish(i: number, error?: Error) {
      if (error) calls[i].reject(error);
      else calls[i].resolve();
      await Promise.resolve();
      await Promise.resolve();
    },
  };
}

async function state(promise: Promise<void> | undefined): Promise<'none' | 'pending' | 'resolved' | 'rejected'> {
  if (promise === undefined) return 'none';
  let result: 'pending' | 'resolved' | 'rejected' = 'pending';
  promise.then(
    () => (result = 'resolved'),
    () => (result = 'rejected'),
  );
  for (let i = 0; i < 5; i++) await Promise.resolve();
  return result;
}

describe('ChainPacer', () => {
  let now = 0;
  beforeEach(() => {
    jest.useFakeTimers();
    now = 0;
  });
  afterEach(() => jest.useRealTimers());

  it('asks for one catch-up an interval after the first of many records, and one at a time', async () => {
    const chainer = manualDrain();
    const pacer = new ChainPacer({ drain: chainer.drain, clock: () => now, maxLagMs: 10_000, intervalMs: 50 });
    for (let i = 0; i < 100; i++) pacer.recorded();
    jest.advanceTimersByTime(49);
    expect(chainer.calls).toHaveLength(0);
    jest.advanceTimersByTime(1);
    expect(chainer.calls).toHaveLength(1);
    pacer.recorded();
    jest.advanceTimersByTime(500);
    expect(chainer.calls).toHaveLength(1);
    await chainer.finish(0);
    jest.advanceTimersByTime(50);
    expect(chainer.calls).toHaveLength(2);
    await chainer.finish(1);
    jest.advanceTimersByTime(1_000);
    expect(chainer.calls).toHaveLength(2);
  });

  it('holds records back while the oldest unchained one is older than the limit, until a catch-up ends', async () => {
    const chainer = manualDrain();
    const pacer = new ChainPacer({ drain: chainer.drain, clock: () => now, maxLagMs: 1_000, intervalMs: 50 });
    pacer.recorded();
    expect(await state(pacer.room())).toBe('none');
    jest.advanceTimersByTime(50);
    now = 900;
    pacer.recorded();
    expect(pacer.lagMs).toBe(900);
    expect(await state(pacer.room())).toBe('none');
    now = 1_001;
    const held = pacer.room();
    expect(await state(held)).toBe('pending');
    // The catch-up covered the record of time 0; the one of 900 waits for the next, and is 101 ms old: within.
    await chainer.finish(0);
    expect(pacer.lagMs).toBe(101);
    expect(await state(held)).toBe('resolved');
    expect(await state(pacer.room())).toBe('none');
  });

  it('refuses held records when the catch-up fails, keeps the failed events as the oldest, and tries again on the next record', async () => {
    const chainer = manualDrain();
    const errors: unknown[] = [];
    const pacer = new ChainPacer({ drain: chainer.drain, clock: () => now, maxLagMs: 100, intervalMs: 50, onError: (e) => errors.push(e) });
    pacer.recorded();
    jest.advanceTimersByTime(50);
    now = 500;
    const held = pacer.room();
    await chainer.finish(0, new Error('store refused'));
    expect(await state(held)).toBe('rejected');
    expect(errors).toHaveLength(1);
    expect(pacer.lagMs).toBe(500);
    jest.advanceTimersByTime(1_000);
    expect(chainer.calls).toHaveLength(1);
    pacer.recorded();
    jest.advanceTimersByTime(50);
    expect(chainer.calls).toHaveLength(2);
    await chainer.finish(1);
    expect(pacer.lagMs).toBe(0);
  });

  it('after a failed catch-up, a request held back asks for the next one itself (no record comes to ask)', async () => {
    const chainer = manualDrain();
    const pacer = new ChainPacer({ drain: chainer.drain, clock: () => now, maxLagMs: 100, intervalMs: 50 });
    pacer.recorded();
    jest.advanceTimersByTime(50);
    await chainer.finish(0, new Error('store refused'));
    now = 500;
    const held = pacer.room();
    expect(await state(held)).toBe('pending');
    jest.advanceTimersByTime(50);
    expect(chainer.calls).toHaveLength(2);
    await chainer.finish(1);
    expect(await state(held)).toBe('resolved');
  });

  it('lets held records go when stopped', async () => {
    const chainer = manualDrain();
    const pacer = new ChainPacer({ drain: chainer.drain, clock: () => now, maxLagMs: 10, intervalMs: 50 });
    pacer.recorded();
    now = 100;
    const held = pacer.room();
    pacer.stop();
    expect(await state(held)).toBe('resolved');
    jest.advanceTimersByTime(1_000);
    expect(chainer.calls).toHaveLength(0);
  });

  it('asks for nothing once stopped, though records still come (a request whose client went away, finishing late)', async () => {
    const chainer = manualDrain();
    const pacer = new ChainPacer({ drain: chainer.drain, clock: () => now, maxLagMs: 10, intervalMs: 50 });
    pacer.stop();
    pacer.recorded();
    now = 100;
    expect(await state(pacer.room())).toBe('none');
    jest.advanceTimersByTime(1_000);
    expect(chainer.calls).toHaveLength(0);
  });
});
