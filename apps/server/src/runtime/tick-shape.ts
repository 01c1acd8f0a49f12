import { createHook } from 'node:async_hooks';

// Node's process.nextTick queues each callback as an object literal whose first keys are
// computed (its async ids, and from Node 22 on its async context frame too). V8 defines such
// keys through an inline cache keyed by the object's hidden class, and that cache has no
// polymorphic state: the first different class it meets turns it megamorphic for the life of
// the process. In a process of this size the tick object's hidden classes do not stay put (they
// are collected and rebuilt, then met again with another field representation), and from then
// on every nextTick, several per HTTP request, takes V8's runtime path: about a tenth of a
// cached read's CPU (bench/PROFILE.md, "The tick object's hidden classes"). One tick object kept
// for the life of the process keeps its classes alive, and the cache stays monomorphic, as it
// does in a bare node:http server.
//
// Must run before the rest of the server is loaded: imported first by main.ts.
let kept: object | undefined;

export function keepTickShape(): object | undefined {
  if (kept) return kept;
  // An init hook sees the tick object of the next process.nextTick; it is removed at once.
  const hook = createHook({
    init(_asyncId, type, _triggerAsyncId, resource) {
      if (type === 'TickObject' && !kept) kept = resource;
    },
  });
  hook.enable();
  try {
    process.nextTick(() => undefined);
  } finally {
    hook.disable();
  }
  return kept;
}

keepTickShape();
