// At most two versions are picked for a comparison; picking a third drops the earlier pick.
export function pickVersions(previous: readonly number[], next: readonly number[]): number[] {
  const kept = previous.filter((v) => next.includes(v));
  const added = next.filter((v) => !previous.includes(v));
  return [...kept, ...added].slice(-2);
}

// The older version on the left, the newer on the right; undefined unless two are picked.
export function comparison(picked: readonly number[]): { from: number; to: number } | undefined {
  if (picked.length !== 2) return undefined;
  const [a, b] = picked;
  return a === b ? undefined : { from: Math.min(a, b), to: Math.max(a, b) };
}
