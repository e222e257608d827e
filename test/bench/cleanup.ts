/**
 * Process-wide cleanup for the benchmark: child servers and temp directories must not outlive it, whether
 * it finishes, throws, or is interrupted. Tasks are synchronous so they can also run from the 'exit' event,
 * and each runs at most once, newest first.
 */
const tasks: { name: string; run: () => void }[] = [];
let installed = false;

export function onCleanup(name: string, run: () => void): () => void {
  installHandlers();
  const task = { name, run };
  tasks.push(task);
  return () => {
    const i = tasks.indexOf(task);
    if (i >= 0) tasks.splice(i, 1);
  };
}

export function runCleanup(): void {
  while (tasks.length > 0) {
    const task = tasks.pop() as (typeof tasks)[number];
    try {
      task.run();
    } catch (error) {
      process.stderr.write(`cleanup '${task.name}' failed: ${String(error)}\n`);
    }
  }
}

function installHandlers(): void {
  if (installed) return;
  installed = true;
  process.on('exit', runCleanup);
  // 128 + signal number, as shells report a death by signal.
  const signals: [NodeJS.Signals, number][] = [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]];
  for (const [signal, code] of signals) {
    process.on(signal, () => {
      process.stderr.write(`\n${signal}: stopping servers and removing temp data\n`);
      runCleanup();
      process.exit(code);
    });
  }
}
