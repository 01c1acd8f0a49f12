// Benchmark scenarios. Each is a plain object:
//   name      shown in the report; BENCH_FILTER matches a substring of it
//   method, path, headers?, body?   the one request autocannon repeats (path may carry a query)
//   setup?(baseUrl)   creates the data the request needs, through Switchboard's real API
//   verify(status, bodyText)   throws if the answer is wrong; run against both servers before measuring
// Scenarios run in this order against one server, each measured right after its own setup, so a
// later setup may change what an earlier route returns; keep the ids each setup creates unique.
import { NAMESPACES_ENDPOINTS } from '@switchboard/shared';
import { check, sendJson } from './lib/api.mjs';

/**
 * @typedef {object} Scenario
 * @property {string} name
 * @property {string} method
 * @property {string} path
 * @property {Record<string, string>} [headers]
 * @property {string} [body]
 * @property {(baseUrl: string) => Promise<void>} [setup]
 * @property {(status: number, bodyText: string) => void} verify
 */

const BENCH_NAMESPACES = Array.from(
  { length: 20 },
  (_, i) => `bench-ns-${String(i + 1).padStart(2, '0')}`,
);

/** @type {Scenario[]} */
export const scenarios = [
  {
    name: 'GET namespace list (/api/v1/namespaces, 20 namespaces)',
    method: NAMESPACES_ENDPOINTS.listNamespaces.method,
    path: NAMESPACES_ENDPOINTS.listNamespaces.path,
    async setup(baseUrl) {
      const { method, path } = NAMESPACES_ENDPOINTS.createNamespace;
      for (const namespaceId of BENCH_NAMESPACES) {
        await sendJson(baseUrl, method, path, {
          namespaceId,
          name: namespaceId,
          description: 'created by npm run bench',
        });
      }
    },
    verify(status, bodyText) {
      check(status === 200, `status ${status}, expected 200`);
      const list = JSON.parse(bodyText);
      check(Array.isArray(list), 'body is not a JSON array');
      check(list.length === 21, `${list.length} namespaces, expected 21`);
      const ids = new Set(list.map((/** @type {{ namespaceId: string }} */ ns) => ns.namespaceId));
      for (const id of ['public', ...BENCH_NAMESPACES])
        check(ids.has(id), `namespace ${id} missing`);
    },
  },
];
