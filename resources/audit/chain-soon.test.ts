import { chainSoon } from './chain-soon';

describe('chainSoon', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('notifies once, an interval after the first of many calls, and waits again after that', () => {
    const notify = jest.fn();
    const soon = chainSoon(notify, 50);
    soon();
    jest.advanceTimersByTime(30);
    soon();
    soon();
    expect(notify).not.toHaveBeenCalled();
    jest.advanceTimersByTime(20);
    expect(notify).toHaveBeenCalledTimes(1);
    soon();
    jest.advanceTimersByTime(49);
    expect(notify).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(1);
    expect(notify).toHaveBeenCalledTimes(2);
    jest.advanceTimersByTime(1_000);
    expect(notify).toHaveBeenCalledTimes(2);
  });
});
