import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { lazyRequire } from '../common/lazy-require';

// HSET only when the stored value is not newer (its JSON `atMs` greater than ARGV[3]).
const PUT_IF_NEWER = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current then
  local ok, stored = pcall(cjson.decode, current)
  if ok and type(stored) == 'table' and tonumber(stored.atMs) and tonumber(stored.atMs) > tonumber(ARGV[3]) then return 0 end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1`;

// Loaded only in cluster mode: a single node never needs the Redis client.
const loadRedis = lazyRequire<typeof import('ioredis')>('ioredis');

export interface ConnectionEvents {
  notice(message: string): void;
  reply(message: string): void;
  // After Redis is back: the subscription stands again, but notices sent in between are lost.
  reconnected(): void;
}

// The two Redis connections of cluster mode (one publishes and writes, one only subscribes),
// shared by the notices, the questions and the lease of the ClusterBus.
export class ClusterConnection {
  readonly logger = new Logger('ClusterBus');
  readonly channel: string;
  private readonly replyChannel: string;
  publisher: Redis | undefined;
  private subscriber: Redis | undefined;
  private started = false;
  // Whether this node hears the others: subscribed and not cut off since.
  subscribed = false;

  constructor(
    readonly nodeId: string,
    private readonly clusterName: string | undefined,
  ) {
    this.channel = this.keyOf('changes');
    this.replyChannel = this.keyOf(`replies:${nodeId}`);
  }

  // Channels and keys are named after the cluster, so several clusters can share one Redis.
  keyOf(name: string): string {
    return `${this.clusterName ?? 'switchboard'}:${name}`;
  }

  // Connects and subscribes; listening() follows once the first resync is done.
  async open(redisUrl: string, events: ConnectionEvents): Promise<void> {
    const { Redis: RedisClient } = loadRedis();
    // Auto-pipelining: the notices of one turn of the loop (a commit group's changes) go out in one write.
    const options = { lazyConnect: true, maxRetriesPerRequest: null, enableAutoPipelining: true, connectionName: `switchboard-${this.nodeId}` };
    this.publisher = new RedisClient(redisUrl, options);
    this.subscriber = new RedisClient(redisUrl, options);
    let lastError: Error | undefined;
    for (const [role, client] of [['publisher', this.publisher], ['subscriber', this.subscriber]] as const) {
      client.on('error', (error: Error) => {
        lastError = error;
        if (this.started) this.logger.warn(`cluster ${role} connection: ${error.message}`);
      });
    }
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) events.notice(message);
      else if (channel === this.replyChannel) events.reply(message);
    });
    // ioredis subscribes again by itself after a reconnect; notices sent in between are lost.
    this.subscriber.on('ready', () => {
      if (!this.started) return;
      this.logger.warn('cluster connection back: reloading from the database');
      events.reconnected();
    });
    this.subscriber.on('close', () => {
      if (this.subscribed) this.logger.warn('cluster connection lost: changes on other nodes reach this one after it is back');
      this.subscribed = false;
    });
    try {
      await Promise.all([this.publisher.connect(), this.subscriber.connect()]);
    } catch (error) {
      // The URL may carry a password: only where it points is told.
      const url = new URL(redisUrl);
      throw new Error(`cluster mode: Redis at ${url.hostname}:${url.port || 6379} (REDIS_URL) cannot be reached: ${lastError?.message ?? (error as Error).message}`, { cause: error });
    }
    await this.subscriber.subscribe(this.channel, this.replyChannel);
  }

  // From now on this node hears the others, and tells of trouble with the connections.
  listening(): void {
    this.started = true;
    this.subscribed = true;
  }

  // After a reconnect's resync: heard again only if the subscription held meanwhile.
  resubscribed(): void {
    this.subscribed = this.subscriber?.status === 'ready';
  }

  // Stops hearing the others; the connections stay open until close().
  stopListening(): void {
    this.started = false;
    this.subscribed = false;
  }

  async close(): Promise<void> {
    await Promise.all([this.subscriber, this.publisher].map((client) => client?.quit().catch(() => client.disconnect())));
  }

  // A hash in Redis shared by the nodes (cluster mode only): state that lives in memory rather
  // than in the database (ephemeral instances), so a node that starts or reconnects can load it.
  // Writes the field unless the hash holds a newer version of it (its JSON value's `atMs`):
  // after Redis lost everything, the nodes write back what they hold, and a removal made on one
  // node while Redis was away (a tombstone) wins over the instance another node still had.
  sharedPutIfNewer(hash: string, field: string, value: string, atMs: number): Promise<boolean> {
    if (!this.publisher) return Promise.resolve(false);
    return this.publisher.eval(PUT_IF_NEWER, 1, this.keyOf(hash), field, value, String(atMs)).then(
      (written) => written === 1,
      (error: unknown) => {
        this.logger.warn(`cluster state ${hash} not written: ${(error as Error).message}`);
        return false;
      },
    );
  }

  sharedDelete(hash: string, field: string): void {
    this.publisher?.hdel(this.keyOf(hash), field).catch((error: unknown) => this.logger.warn(`cluster state ${hash} not written: ${(error as Error).message}`));
  }

  async sharedRead(hash: string): Promise<Record<string, string>> {
    return this.publisher ? this.publisher.hgetall(this.keyOf(hash)) : {};
  }
}
