/**
 * How long recorded events may wait before the chainer is asked to link them. Under load every turn of the event
 * loop records a dozen or so events; asking once per turn cost the request thread a message to the chainer's worker
 * per turn (39 µs each under the read benchmark) and left the chainer linking batches of 30 in a transaction each,
 * at 122 µs per event, against 90 µs in batches of a few hundred. Nobody sees the wait: the events are durable
 * already (in the journal or the pending collection), and every read of AuditEvents drains the chainer first.
 */
export const CHAIN_INTERVAL_MS = 50;

/** `notify`, called at most once per interval however often the result is called: the first call starts the wait. */
export function chainSoon(notify: () => void, intervalMs = CHAIN_INTERVAL_MS): () => void {
  let waiting = false;
  return () => {
    if (waiting) return;
    waiting = true;
    // unref: a pending wait must not keep a stopping process alive; stopping drains the chainer anyway.
    setTimeout(() => {
      waiting = false;
      notify();
    }, intervalMs).unref();
  };
}
