// Benchmark scenarios. Each is a plain object:
//   name      shown in the report; BENCH_FILTER matches a substring of it
//   method, path, headers?, body?   the one request autocannon repeats (path may carry a query)
//   nextBody?()   when each request needs its own body (publishers writing different configs)
//   setup?(baseUrl)   creates the data the request needs, through Switchboard's real API
//   verify(status, bodyText)   throws if the answer is wrong; run against both servers before measuring
//   anonymous?   the request carries credentials of its own (parameters), not the bench's token
// Scenarios run in this order against one server, each measured right after its own setup, so a
// later setup may change what an earlier route returns; keep the ids each setup creates unique.
import { NAMESPACES_ENDPOINTS } from '@switchboard/shared';
import { check, formBody, sendForm, sendJson } from './lib/api.mjs';

/**
 * @typedef {object} Scenario
 * @property {string} name
 * @property {string} method
 * @property {string} path
 * @property {Record<string, string>} [headers]
 * @property {string} [body]
 * @property {() => string} [nextBody]   a body per request (the first request sends `body`)
 * @property {(baseUrl: string) => Promise<void>} [setup]
 * @property {(status: number, bodyText: string) => void} verify
 * @property {boolean} [anonymous]
 */

const BENCH_NAMESPACES = Array.from(
  { length: 20 },
  (_, i) => `bench-ns-${String(i + 1).padStart(2, '0')}`,
);

const LIST_SERVICE = 'bench-list';
const CONFIG_1K = 'bench-1k.properties';
// 1024 bytes of properties: 32 lines of 32 bytes.
const CONTENT_1K = Array.from({ length: 32 }, (_, i) => `key.${String(i).padStart(2, '0')}=${'v'.repeat(24)}\n`).join('');

/** @param {string} prefix @param {number} n */
function publishBody(prefix, n) {
  return formBody({ dataId: `${prefix}-${n % 50}.properties`, group: 'DEFAULT_GROUP', content: `${CONTENT_1K}# ${n}\n`, type: 'properties' });
}

/**
 * Durable publishes: each connection is a publisher; consecutive requests write different configs
 * (50 of them, named after `prefix`, one after the other), as independent publishers do. Every
 * answer is acked after its commit.
 * @param {string} prefix
 * @returns {Scenario}
 */
export function publishScenario(prefix) {
  let n = 0;
  return {
    name: 'POST config publish (Nacos v1, 50 configs, durable: acked after commit)',
    method: 'POST',
    path: '/nacos/v1/cs/configs',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: publishBody(prefix, 0),
    nextBody: () => publishBody(prefix, (n += 1)),
    verify(status, bodyText) {
      check(status === 200, `status ${status}, expected 200`);
      check(bodyText === 'true', `body ${bodyText}, expected true`);
    },
  };
}

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
  {
    name: 'GET instance list (Nacos v1, 10 hosts)',
    method: 'GET',
    path: `/nacos/v1/ns/instance/list?serviceName=DEFAULT_GROUP%40%40${LIST_SERVICE}&clusters=`,
    async setup(baseUrl) {
      for (let i = 1; i <= 10; i++) {
        await sendForm(baseUrl, 'POST', '/nacos/v1/ns/instance', {
          serviceName: LIST_SERVICE,
          ip: `127.0.1.${i}`,
          port: 8080,
          metadata: JSON.stringify({ zone: `z${i % 3}` }),
        });
      }
    },
    verify(status, bodyText) {
      check(status === 200, `status ${status}, expected 200`);
      const info = JSON.parse(bodyText);
      check(info.name === `DEFAULT_GROUP@@${LIST_SERVICE}`, `name ${info.name}`);
      check(Array.isArray(info.hosts) && info.hosts.length === 10, `${info.hosts?.length} hosts, expected 10`);
      check(info.hosts.every((/** @type {{healthy: boolean}} */ h) => h.healthy), 'an unhealthy host');
    },
  },
  {
    name: 'PUT heartbeat (Nacos v1)',
    method: 'PUT',
    path: `/nacos/v1/ns/instance/beat?serviceName=DEFAULT_GROUP%40%40${LIST_SERVICE}&ip=127.0.1.1&port=8080`,
    verify(status, bodyText) {
      check(status === 200, `status ${status}, expected 200`);
      const answer = JSON.parse(bodyText);
      check(answer.code === 10200, `beat code ${answer.code}, expected 10200 (instance known)`);
    },
  },
  {
    name: 'POST register instance (Nacos v1, same instance again)',
    method: 'POST',
    path: '/nacos/v1/ns/instance',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: formBody({ serviceName: 'bench-register', ip: '127.0.2.1', port: 9000, weight: 2 }),
    verify(status, bodyText) {
      check(status === 200, `status ${status}, expected 200`);
      check(bodyText === 'ok', `body ${bodyText}, expected ok`);
    },
  },
  {
    name: 'GET config (Nacos v1, 1 KB)',
    method: 'GET',
    path: `/nacos/v1/cs/configs?dataId=${CONFIG_1K}&group=DEFAULT_GROUP`,
    async setup(baseUrl) {
      await sendForm(baseUrl, 'POST', '/nacos/v1/cs/configs', { dataId: CONFIG_1K, group: 'DEFAULT_GROUP', content: CONTENT_1K, type: 'properties' });
    },
    verify(status, bodyText) {
      check(status === 200, `status ${status}, expected 200`);
      check(bodyText === CONTENT_1K, `content of ${bodyText.length} characters differs from the 1 KB published`);
    },
  },
  publishScenario('bench-publish'),
];
