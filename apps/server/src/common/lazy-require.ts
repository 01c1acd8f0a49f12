// A library loaded on its first use instead of at start-up. The content parsers and formats
// (YAML, TOML, XML, JSON Schema, diff, zip) cost about 0.2 s of start-up and 20+ MB of memory
// together (bench/PROFILE.md), and a registry node, or a config center serving reads, may never
// need them. Synchronous, so the callers stay synchronous.
export function lazyRequire<T>(id: string): () => T {
  let loaded: T | undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading on demand is the point
  return () => (loaded ??= require(id) as T);
}
