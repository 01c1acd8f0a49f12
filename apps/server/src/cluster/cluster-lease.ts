import type { ClusterConnection } from './cluster-connection';

// The lease of the node that runs the cluster's jobs: taken when free, extended by its holder.
const LEASE_MS = 6000;
const TAKE_LEASE = `local holder = redis.call('GET', KEYS[1])
if holder == false or holder == ARGV[1] then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0`;
const RELEASE_LEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

// Which node runs the cluster's own jobs (canary plans stepping, promoting, aborting): one node
// at a time holds a lease in Redis, renewed while it lives.
export class ClusterLease {
  private readonly leaseKey: string;
  private leaseUntilMs = 0;
  private leaseTimer: NodeJS.Timeout | undefined;

  constructor(private readonly connection: ClusterConnection) {
    this.leaseKey = connection.keyOf('lease');
  }

  get held(): boolean {
    return this.leaseUntilMs > Date.now() && this.connection.subscribed;
  }

  async start(): Promise<void> {
    await this.renew();
    this.leaseTimer = setInterval(() => void this.renew(), LEASE_MS / 3);
    this.leaseTimer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.leaseTimer);
    // Hand the lease on at once rather than when it runs out.
    if (this.leaseUntilMs > Date.now()) await this.connection.publisher?.eval(RELEASE_LEASE, 1, this.leaseKey, this.connection.nodeId).catch(() => undefined);
    this.leaseUntilMs = 0;
  }

  // Takes the lease when nobody holds it, or extends our own. A node that does not hear the
  // others lets its lease run out, so one that does takes the jobs over.
  private async renew(): Promise<void> {
    const { publisher, logger } = this.connection;
    if (!publisher) return;
    if (!this.connection.subscribed) {
      this.leaseUntilMs = 0;
      return;
    }
    const askedAt = Date.now();
    try {
      const held = await publisher.eval(TAKE_LEASE, 1, this.leaseKey, this.connection.nodeId, String(LEASE_MS));
      const before = this.leaseUntilMs > askedAt;
      this.leaseUntilMs = held === 1 ? askedAt + LEASE_MS : 0;
      if (before !== this.leaseUntilMs > askedAt) logger.log(held === 1 ? 'this node now runs the cluster jobs' : 'another node runs the cluster jobs');
    } catch (error) {
      logger.warn(`cluster lease not renewed: ${(error as Error).message}`);
    }
  }
}
