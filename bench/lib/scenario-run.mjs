// One scenario side by side: its setup, both servers' answers verified (and the baseline's
// bytes checked against Switchboard's), a warm-up each, then alternating measured rounds.
import { capture, load, median } from './measure.mjs';

const log = (/** @type {string} */ msg) => console.error(`[bench] ${msg}`);

/**
 * Verifies one captured answer with the scenario's own check, naming the side that got it wrong.
 * @param {string} side
 * @param {import('../scenarios.mjs').Scenario} scenario
 * @param {import('./measure.mjs').Captured} answer
 */
function verifyAnswer(side, scenario, answer) {
  try {
    scenario.verify(answer.status, answer.body.toString('utf8'));
  } catch (err) {
    const excerpt = answer.body.toString('utf8').slice(0, 200);
    throw new Error(
      `${side} answer wrong: ${err instanceof Error ? err.message : err} (status ${answer.status}, body ${JSON.stringify(excerpt)})`,
      { cause: err },
    );
  }
}

/**
 * Setup, verification of both servers, then warm-up and alternating measured rounds.
 * @param {import('../scenarios.mjs').Scenario} scenario
 * @param {{ baseUrl: string }} switchboard
 * @param {{ baseUrl: string, setRoute: (route: import('./measure.mjs').Captured) => Promise<void> }} baseline
 * @param {{ rounds: number, durationS: number, warmupS: number, connections: number, pipelining: number }} settings
 * @returns {Promise<import('./report.mjs').Outcome>}
 */
export async function runScenario(scenario, switchboard, baseline, settings) {
  /** @type {import('./report.mjs').Outcome} */
  const outcome = { name: scenario.name, verified: false };
  try {
    await scenario.setup?.(switchboard.baseUrl);
    const answer = await capture(switchboard.baseUrl, scenario);
    verifyAnswer('Switchboard', scenario, answer);
    await baseline.setRoute(answer);
    const copy = await capture(baseline.baseUrl, scenario);
    verifyAnswer('baseline', scenario, copy);
    // A baseline that answers differently would make the ratio meaningless.
    if (
      copy.status !== answer.status ||
      copy.contentType !== answer.contentType ||
      !copy.body.equals(answer.body)
    ) {
      throw new Error('baseline answer differs from the Switchboard answer it was given');
    }
    outcome.verified = true;

    const sides = /** @type {const} */ ([
      ['baseline', baseline.baseUrl, baseline.child.pid],
      ['switchboard', switchboard.baseUrl, switchboard.child.pid],
    ]);
    const problems = [];
    /** @type {Record<string, import('./measure.mjs').Run[]>} */
    const runs = { baseline: [], switchboard: [] };
    // Warm-ups let V8 optimise the hot paths of both servers before anything counts.
    for (const [side, url, pid] of sides) {
      const run = await load(url, scenario, settings, settings.warmupS, pid);
      log(`${side} warm-up: ${Math.round(run.rps)} req/s`);
      if (run.bad) problems.push(`${side} warm-up: ${run.badDetail}`);
    }
    // Alternating rounds spread machine noise (thermal, other load) evenly over both sides.
    for (let round = 1; round <= settings.rounds; round++) {
      for (const [side, url, pid] of sides) {
        const run = await load(url, scenario, settings, settings.durationS, pid);
        log(
          `${side} round ${round}/${settings.rounds}: ${Math.round(run.rps)} req/s, p99 ${run.p99} ms` +
            (run.cpuUsPerRequest !== undefined ? `, ${run.cpuUsPerRequest.toFixed(1)} µs CPU per request` : ''),
        );
        if (run.bad) problems.push(`${side} round ${round}: ${run.badDetail}`);
        runs[side].push(run);
      }
    }
    const summary = (/** @type {import('./measure.mjs').Run[]} */ list) => ({
      rps: median(list.map((r) => r.rps)),
      p99: median(list.map((r) => r.p99)),
      rounds: list.map((r) => r.rps),
      cpuUsPerRequest: list.every((r) => r.cpuUsPerRequest !== undefined) ? median(list.map((r) => /** @type {number} */ (r.cpuUsPerRequest))) : undefined,
    });
    outcome.baseline = summary(runs.baseline);
    outcome.switchboard = summary(runs.switchboard);
    if (problems.length) outcome.failure = `failed requests: ${problems.join('; ')}`;
  } catch (err) {
    outcome.failure = err instanceof Error ? err.message : String(err);
  }
  return outcome;
}

