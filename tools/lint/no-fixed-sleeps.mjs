// Tests wait for facts, not time. A fixed sleep "so the server is ready" passes while the thing it
// waits for is broken (a long poll that arrives late is answered at once, and push is never
// tested) and fails on a slow machine. Specs wait for an observable fact instead: a metric
// (test/support/metrics.ts), an event, a row, a DOM or layout condition, or a later known event
// before asserting that something did not happen.
//
// Reported in test code and unit specs:
//   - `x.waitForTimeout(ms)` (Playwright's sleep);
//   - `new Promise((r) => setTimeout(r, ms))`: a timer whose callback is a function handed
//     straight to it, or a call without arguments (`() => r()`), in a promise's executor. A
//     timer that rejects (`setTimeout(() => reject(new Error(...)), ms)`) bounds a wait and
//     stays allowed;
//   - importing node:timers/promises (its setTimeout is the same sleep).
// The retry loops of the polling helpers (test/support/wait.ts, test/support/server.ts) may
// pause between attempts.

const message = 'A fixed sleep is not synchronisation: wait for an observable fact (a metric, an event, a row, a DOM or layout condition) instead; see tools/lint/no-fixed-sleeps.mjs.';

const timer = ":matches(CallExpression[callee.type='Identifier'][callee.name='setTimeout'], CallExpression[callee.type='MemberExpression'][callee.property.name='setTimeout'])";
// The timer's callback: a function passed straight (the resolver), or a function that only calls
// another without arguments.
const sleeps = [
  `${timer}[arguments.0.type='Identifier']`,
  `${timer}[arguments.0.type=/^(ArrowFunctionExpression|FunctionExpression)$/][arguments.0.body.type='CallExpression'][arguments.0.body.arguments.length=0]`,
  `${timer}[arguments.0.type=/^(ArrowFunctionExpression|FunctionExpression)$/][arguments.0.body.type='BlockStatement'][arguments.0.body.body.length=1][arguments.0.body.body.0.expression.type='CallExpression'][arguments.0.body.body.0.expression.arguments.length=0]`,
];
const executor = "NewExpression[callee.name='Promise'] > :function";

export default {
  name: 'switchboard/no-fixed-sleeps',
  files: ['test/**/*.ts', 'apps/*/src/**/*.spec.ts', 'apps/*/src/**/*.spec.tsx', 'apps/*/src/**/*.test.ts', 'apps/*/src/**/*.test.tsx'],
  ignores: ['test/support/wait.ts', 'test/support/server.ts'],
  rules: {
    'no-restricted-syntax': [
      'error',
      { selector: "CallExpression[callee.type='MemberExpression'][callee.property.name='waitForTimeout']", message },
      ...sleeps.flatMap((sleep) => [
        // (r) => setTimeout(r, ms)
        { selector: `${executor} > ${sleep}.body`, message },
        // (r) => { setTimeout(r, ms); }
        { selector: `${executor} > BlockStatement > ExpressionStatement > ${sleep}`, message },
      ]),
      { selector: "ImportDeclaration[source.value=/^(node:)?timers\\u002Fpromises$/]", message },
      { selector: "CallExpression[callee.name='require'][arguments.0.value=/^(node:)?timers\\u002Fpromises$/]", message },
    ],
  },
};
