import { LoadCancelledError } from './tableLoader';

/**
 * Run a step generator (one that yields every few milliseconds of work) in slices of about
 * `sliceMs` on the event loop, giving way between slices (`setImmediate`) so timers, I/O and
 * messages run. Rejects with `LoadCancelledError` once `signal` aborts. No vscode: the bench and
 * the unit tests drive it in plain Node.
 */
export function runInSlices<T>(steps: Generator<void, T>, options: { sliceMs?: number; signal?: AbortSignal; label?: string } = {}): Promise<T> {
  const sliceMs = options.sliceMs ?? 8;
  return new Promise<T>((resolve, reject) => {
    const slice = (): void => {
      if (options.signal?.aborted) {
        void steps.return(undefined as T);
        reject(new LoadCancelledError(options.label ?? 'the table'));
        return;
      }
      const end = performance.now() + sliceMs;
      try {
        for (;;) {
          const next = steps.next();
          if (next.done) {
            resolve(next.value);
            return;
          }
          if (performance.now() >= end) break;
        }
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      setImmediate(slice);
    };
    setImmediate(slice);
  });
}
