/* eslint-disable @typescript-eslint/no-require-imports -- a plain CommonJS script run by node directly */
// Runs one call of the real `nacos` config client in a process of its own (clients in one
// process share a connection leader, so an anonymous client next to a signed-in one would
// borrow its credentials). Prints {ok, value} or {ok:false, error} as JSON.
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { NacosConfigClient } = require('nacos');

const [serverAddr, action, dataId, group, content, username, password] = process.argv.slice(2);
const client = new NacosConfigClient({ serverAddr, cacheDir: mkdtempSync(join(tmpdir(), 'nacos-once-')), requestTimeout: 3000, ...(username ? { username, password } : {}) });
client.on('error', () => undefined);
(async () => {
  try {
    await client.ready();
    const value = action === 'get' ? await client.getConfig(dataId, group) : await client.publishSingle(dataId, group, content);
    process.stdout.write(JSON.stringify({ ok: true, value }));
  } catch (error) {
    process.stdout.write(JSON.stringify({ ok: false, error: String(error && error.message) }));
  }
  process.exit(0);
})();
