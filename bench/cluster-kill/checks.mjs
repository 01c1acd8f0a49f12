// The checks of one cluster-kill run that read the database: the heads the nodes must serve, and
// whether every acknowledged publish is in the config's history in an order its acknowledgement
// allows.
//
// A Nacos v1 publish answers only `true`, so each publish carries a content of its own (its
// publisher, that publisher's counter and a run-wide sequence) and the database says what became
// of it: every commit of a config writes one row to `config_versions` with the next version
// (publish.service: version = previous + 1, committed only on the head it read), so a content's
// row gives that publish's version. Then, per config:
//   - every acknowledged publish has its row (an answer `true` means committed: nothing lost), and
//     no publish answered with an error has one;
//   - every row is a publish this run sent to that config, and no content has two rows (each
//     publish committed once);
//   - the head row is the highest version and holds its content;
//   - real-time order: when publish A was acknowledged before publish B was sent (the script's one
//     monotonic clock), A committed before B's request reached any node, so B's version must be
//     higher. This holds for any committed B, acknowledged or not (node 2's publishes cut off by
//     the kill may have committed). So the head is at least as new as every acknowledged publish.
// Comparing content counters alone would not do: several publishers write each config at once, so
// the head may rightly hold a lower counter than an acknowledged one that was concurrent with it.
export const NAMESPACE = 'public';
export const GROUP = 'DEFAULT_GROUP';

/**
 * @typedef {{
 *   config: number, dataId: string, publisher: number, n: number, seq: number, content: string,
 *   node: number, sentAt: number, doneAt?: number, ackedAt?: number,
 *   outcome?: 'acked' | 'refused' | 'failed', detail?: string, afterKill: boolean,
 * }} Publish
 * @typedef {{ content: string, md5: string, version: number, deleted: boolean }} Head
 * @typedef {{ committed: number, killedHeads: number, unansweredCommitted: number, unansweredHeads: number, problems: string[] }} AckCheck
 */

/**
 * The head of every config of the run, by data id.
 * @param {import('pg').Client} client
 * @param {string} schema
 * @returns {Promise<Map<string, Head>>}
 */
export async function readHeads(client, schema) {
  const { rows } = await client.query(
    `SELECT data_id, content, md5, version, deleted FROM "${schema}".configs WHERE namespace_id = $1 AND group_name = $2`,
    [NAMESPACE, GROUP],
  );
  return new Map(rows.map((r) => [r.data_id, { content: r.content, md5: r.md5, version: Number(r.version), deleted: !!r.deleted }]));
}

/**
 * @param {import('pg').Client} client
 * @param {string} schema
 * @param {Publish[]} publishes every publish sent in the run
 * @param {number} killed the node killed (1-based)
 * @returns {Promise<AckCheck>}
 */
export async function checkAcknowledged(client, schema, publishes, killed) {
  const heads = await readHeads(client, schema);
  const { rows } = await client.query(
    `SELECT data_id, version, content FROM "${schema}".config_versions WHERE namespace_id = $1 AND group_name = $2`,
    [NAMESPACE, GROUP],
  );
  /** @type {string[]} */
  const problems = [];
  const problem = (/** @type {string} */ text) => {
    if (problems.length < 20) problems.push(text);
    else if (problems.length === 20) problems.push('(more not listed)');
  };
  const byContent = new Map(publishes.map((p) => [p.content, p]));
  /** @type {Map<Publish, number>} the version each committed publish got */
  const versionOf = new Map();
  /** @type {Map<string, number>} the highest version per data id */
  const maxVersion = new Map();
  for (const row of rows) {
    const version = Number(row.version);
    const publish = byContent.get(row.content);
    if (!publish || publish.dataId !== row.data_id) {
      problem(`${row.data_id} v${version}: content ${JSON.stringify(String(row.content).slice(0, 60))} was not sent to this config`);
      continue;
    }
    if (versionOf.has(publish)) problem(`${row.data_id}: publish seq ${publish.seq} committed twice (v${versionOf.get(publish)} and v${version})`);
    versionOf.set(publish, version);
    maxVersion.set(row.data_id, Math.max(maxVersion.get(row.data_id) ?? 0, version));
  }
  for (const [dataId, head] of heads) {
    const top = maxVersion.get(dataId);
    const topRow = rows.find((r) => r.data_id === dataId && Number(r.version) === top);
    if (top !== head.version || !topRow || topRow.content !== head.content) problem(`${dataId}: head v${head.version} is not the highest version in the history (v${top})`);
  }
  for (const p of publishes) {
    if (p.outcome === 'acked' && !versionOf.has(p)) problem(`${p.dataId}: acknowledged publish seq ${p.seq} (node ${p.node}) is not in the database`);
    if (p.outcome === 'acked' && !heads.has(p.dataId)) problem(`${p.dataId}: acknowledged but no head row`);
    // An answer other than `true` (a status, not a cut connection) says the publish did not happen.
    if (p.outcome === 'refused' && versionOf.has(p)) problem(`${p.dataId}: publish seq ${p.seq} (node ${p.node}) was answered ${p.detail} yet committed`);
  }
  // Real-time order, per config: every committed publish B is newer than every publish A
  // acknowledged before B was sent.
  /** @type {Map<string, Publish[]>} */
  const perConfig = new Map();
  for (const p of publishes) {
    if (!versionOf.has(p)) continue;
    const list = perConfig.get(p.dataId) ?? [];
    list.push(p);
    perConfig.set(p.dataId, list);
  }
  for (const [dataId, committed] of perConfig) {
    const acked = committed.filter((p) => p.outcome === 'acked').sort((a, b) => /** @type {number} */ (a.ackedAt) - /** @type {number} */ (b.ackedAt));
    const bySend = [...committed].sort((a, b) => a.sentAt - b.sentAt);
    let i = 0;
    let newest = 0;
    /** @type {Publish | undefined} */
    let newestAck;
    for (const b of bySend) {
      while (i < acked.length && /** @type {number} */ (acked[i].ackedAt) < b.sentAt) {
        const v = /** @type {number} */ (versionOf.get(acked[i]));
        if (v > newest) [newest, newestAck] = [v, acked[i]];
        i++;
      }
      const vb = /** @type {number} */ (versionOf.get(b));
      if (newestAck && vb <= newest) problem(`${dataId}: seq ${b.seq} (v${vb}) was sent after seq ${newestAck.seq} (v${newest}) was acknowledged, yet is not newer`);
    }
  }
  const unanswered = publishes.filter((p) => p.outcome !== 'acked' && versionOf.has(p));
  const isHead = (/** @type {Publish} */ p) => versionOf.get(p) === heads.get(p.dataId)?.version;
  const unansweredHeads = unanswered.filter(isHead).length;
  // The configs whose head the killed node wrote: the others knew them from its notices or the feed.
  const killedHeads = publishes.filter((p) => p.node === killed && versionOf.has(p) && isHead(p)).length;
  return { committed: versionOf.size, killedHeads, unansweredCommitted: unanswered.length, unansweredHeads, problems };
}
