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
