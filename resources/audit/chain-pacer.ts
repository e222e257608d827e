/**
 * How long recorded events may wait before the chainer is asked to link them. Under load every turn of the event
 * loop records a dozen or so events; asking once per turn cost the request thread a message to the chainer (then a
 * worker thread) per turn (39 µs each under the read benchmark) and left the chainer linking batches of 30 in a
 * transaction each, at 122 µs per event, against 90 µs in batches of a few hundred. Nobody sees the wait: the events are durable
 * already (in the journal or the pending collection), and every read of AuditEvents drains the chainer first.
 */
export const CHAIN_INTERVAL_MS = 50;

export interface PacerDeps {
  /** Resolves once everything pending when called is chained (AuditChain.drain). */
  drain: () => Promise<void>;
  clock: () => number;
  /** How far behind the chain may fall, in milliseconds, before new records are held back. */
  maxLagMs: number;
  intervalMs?: number;
  /** A failed catch-up (the store refused it): records held back fail with it; the next record tries again. */
  onError?: (e: unknown) => void;
}

/**
 * Paces the chainer from the thread that records events: one catch-up at a time, started at most `intervalMs` after
 * an event is recorded, and a bound on how far behind it may fall.
 *
 * The chainer runs at the lowest CPU priority (server/audit-chain-process.ts), so a machine kept busy by other work
 * could starve it. Nothing would be lost (every event is durable before it is chained), but the chain, and any read
 * of AuditEvents (which drains it first), would fall further and further behind. So once the oldest event not known
 * to be chained is older than `maxLagMs`, `room()` holds new records back until a catch-up ends: request handling
 * waits, and the CPU it frees goes to the chainer. The lag is measured in time, from when this thread recorded
 * events, so it needs no count of what the chainer did (records of a rolled-back transaction are never chained).
 */
export class ChainPacer {
  /** When the oldest event recorded since the last catch-up started was recorded. */
  private waitingSince: number | undefined;
  /** When the oldest event the running catch-up covers was recorded. */
  private chainingSince: number | undefined;
  private running = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private held: { resolve: () => void; reject: (e: unknown) => void }[] = [];

  constructor(private readonly deps: PacerDeps) {}

  /** Milliseconds since the oldest event not known to be chained was recorded; 0 when there is none. */
  get lagMs(): number {
    const oldest = Math.min(this.chainingSince ?? Infinity, this.waitingSince ?? Infinity);
    return oldest === Infinity ? 0 : this.deps.clock() - oldest;
  }

  /** Events were recorded (durably): chain them soon. */
  recorded(): void {
    if (this.stopped) return;
    this.waitingSince ??= this.deps.clock();
    this.schedule();
  }

  /**
   * Nothing while the chain is within the limit; otherwise a promise that resolves once a catch-up brings it back
   * within, or rejects if the catch-up fails (a request is then refused rather than left waiting without end).
   */
  room(): Promise<void> | undefined {
    if (this.stopped || this.lagMs <= this.deps.maxLagMs) return undefined;
    const held = new Promise<void>((resolve, reject) => this.held.push({ resolve, reject }));
    // A held request records nothing, so it must ask for the catch-up itself (after a failed one, nothing else will).
    this.schedule();
    return held;
  }

  /**
   * Stops asking for catch-ups, for good (the chainer drains what is left when it stops). A request whose client
   * went away may still record an event after this, once the server has stopped its chainer: that event is durable
   * and pending, and the next start chains it; asking the stopped chainer would only fail, and log that it failed.
   */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.waitingSince = undefined;
    for (const { resolve } of this.takeHeld()) resolve();
  }

  private schedule(): void {
    if (this.running || this.timer || this.waitingSince === undefined) return;
    // unref: a pending wait must not keep a stopping process alive.
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.catchUp();
    }, this.deps.intervalMs ?? CHAIN_INTERVAL_MS);
    this.timer.unref();
  }

  private catchUp(): void {
    this.running = true;
    this.chainingSince = this.waitingSince;
    this.waitingSince = undefined;
    this.deps.drain().then(
      () => {
        this.chainingSince = undefined;
        this.running = false;
        if (this.lagMs <= this.deps.maxLagMs) for (const { resolve } of this.takeHeld()) resolve();
        this.schedule();
      },
      (e: unknown) => {
        // Not chained after all: those events are still the oldest, and wait for the next catch-up.
        this.waitingSince = this.chainingSince;
        this.chainingSince = undefined;
        this.running = false;
        this.deps.onError?.(e);
        for (const { reject } of this.takeHeld()) reject(e);
      },
    );
  }

  private takeHeld(): { resolve: () => void; reject: (e: unknown) => void }[] {
    const held = this.held;
    this.held = [];
    return held;
  }
}
