// Retries an assertion until it passes or the time is up; the last failure is rethrown.
export async function eventually<T>(assertion: () => T | Promise<T>, timeoutMs = 2_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}

// Runs `action` now and then every intervalMs, one run at a time, until stopped: a client's own
// cadence (heartbeats), never a wait for the server. stop() waits for the run in progress and
// rethrows the first failure.
export function repeatEvery(intervalMs: number, action: () => Promise<unknown>): { stop: () => Promise<void> } {
  let failure: { error: unknown } | undefined;
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = running.then(action).then(
      () => undefined,
      (error: unknown) => void (failure ??= { error }),
    );
  };
  run();
  const timer = setInterval(run, intervalMs);
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
      if (failure) throw failure.error;
    },
  };
}
