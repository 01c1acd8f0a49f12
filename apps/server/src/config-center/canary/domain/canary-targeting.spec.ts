import type { CanaryTarget } from '@switchboard/shared';
import { describe, expect, it, vi } from 'vitest';
import type { ConfigClient } from './canary-record';
import { bucketOf, matchesTarget, type TargetContext } from './canary-targeting';

const CONFIG_ID = 'cfg-1';

const identities = (count: number, prefix = 'client') =>
  Array.from({ length: count }, (_, i) => `${prefix}-${i}`);

const target = (overrides: Partial<CanaryTarget> = {}): CanaryTarget => ({
  ips: [],
  tags: [],
  weight: 0,
  ...overrides,
});

const noTags: TargetContext = { configId: CONFIG_ID, tagsAt: () => undefined };

// Tags of the instances registered at each address.
const contextWithTags = (byIp: Record<string, string[]>): TargetContext => ({
  configId: CONFIG_ID,
  tagsAt: (ip) => (byIp[ip] ? new Map(byIp[ip].map((tag) => [tag, 1])) : undefined),
});

describe('bucketOf', () => {
  it('should always return an integer from 0 to 99', () => {
    const buckets = identities(10_000).map((identity) => bucketOf(CONFIG_ID, identity));
    for (const bucket of buckets) {
      expect(Number.isInteger(bucket)).toBe(true);
      expect(bucket).toBeGreaterThanOrEqual(0);
      expect(bucket).toBeLessThanOrEqual(99);
    }
    // Both ends of the range are reachable.
    expect(Math.min(...buckets)).toBe(0);
    expect(Math.max(...buckets)).toBe(99);
  });

  it('should return the same bucket for the same config and identity', () => {
    for (const identity of identities(200)) {
      expect(bucketOf(CONFIG_ID, identity)).toBe(bucketOf(CONFIG_ID, identity));
      expect(bucketOf('other-config', identity)).toBe(bucketOf('other-config', identity));
    }
  });

  it('should draw independent buckets for different configs', () => {
    const ids = identities(200);
    const differing = ids.filter(
      (identity) => bucketOf('cfg-a', identity) !== bucketOf('cfg-b', identity),
    );
    // Independent draws coincide about 1% of the time.
    expect(differing.length).toBeGreaterThan(ids.length * 0.9);
  });

  it('should spread 10,000 identities evenly over the ten bucket deciles', () => {
    const total = 10_000;
    const deciles = new Array<number>(10).fill(0);
    for (const identity of identities(total))
      deciles[Math.floor(bucketOf(CONFIG_ID, identity) / 10)] += 1;
    for (const count of deciles) {
      expect(count / total).toBeGreaterThanOrEqual(0.08);
      expect(count / total).toBeLessThanOrEqual(0.12);
    }
  });

  it('should spread IP addresses evenly too', () => {
    const total = 10_000;
    const deciles = new Array<number>(10).fill(0);
    for (let i = 0; i < total; i += 1)
      deciles[
        Math.floor(bucketOf(CONFIG_ID, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`) / 10)
      ] += 1;
    for (const count of deciles) {
      expect(count / total).toBeGreaterThanOrEqual(0.08);
      expect(count / total).toBeLessThanOrEqual(0.12);
    }
  });
});

describe('matchesTarget', () => {
  it('should match a client whose address is listed, and not one whose address is not', () => {
    const listed = target({ ips: ['10.0.0.1', '2001:db8::1'] });
    expect(matchesTarget(listed, { ip: '10.0.0.1' }, noTags)).toBe(true);
    expect(matchesTarget(listed, { ip: '2001:db8::1' }, noTags)).toBe(true);
    expect(matchesTarget(listed, { ip: '10.0.0.2' }, noTags)).toBe(false);
  });

  it('should match a client whose address belongs to an instance carrying one of the tags', () => {
    const tagged = target({ tags: ['gray', 'canary'] });
    const context = contextWithTags({ '10.0.0.1': ['canary'], '10.0.0.2': ['stable'] });
    expect(matchesTarget(tagged, { ip: '10.0.0.1' }, context)).toBe(true);
    expect(matchesTarget(tagged, { ip: '10.0.0.2' }, context)).toBe(false);
    expect(matchesTarget(tagged, { ip: '10.0.0.3' }, context)).toBe(false);
  });

  it('should look the tags up at the client address, not at its identity', () => {
    const tagsAt = vi.fn((ip: string) =>
      ip === '10.0.0.1' ? new Map([['canary', 1]]) : undefined,
    );
    const context: TargetContext = { configId: CONFIG_ID, tagsAt };
    expect(
      matchesTarget(
        target({ tags: ['canary'] }),
        { ip: '10.0.0.1', identity: 'socket-abc' },
        context,
      ),
    ).toBe(true);
    expect(tagsAt).toHaveBeenCalledWith('10.0.0.1');
    expect(tagsAt).not.toHaveBeenCalledWith('socket-abc');
  });

  it('should match a client declaring one of the tags in its labels', () => {
    const tagged = target({ tags: ['canary'] });
    expect(matchesTarget(tagged, { ip: '10.0.0.9', labels: ['zone-a', 'canary'] }, noTags)).toBe(
      true,
    );
    expect(matchesTarget(tagged, { ip: '10.0.0.9', labels: ['zone-a'] }, noTags)).toBe(false);
    expect(matchesTarget(tagged, { ip: '10.0.0.9', labels: [] }, noTags)).toBe(false);
  });

  it('should never match by weight 0 and always match by weight 100', () => {
    for (const identity of identities(1_000)) {
      const client: ConfigClient = { ip: '10.0.0.1', identity };
      expect(matchesTarget(target({ weight: 0 }), client, noTags)).toBe(false);
      expect(matchesTarget(target({ weight: 100 }), client, noTags)).toBe(true);
    }
  });

  it('should match roughly the weighted share of clients', () => {
    const clients = identities(10_000).map((identity): ConfigClient => ({
      ip: '10.0.0.1',
      identity,
    }));
    const share =
      clients.filter((client) => matchesTarget(target({ weight: 30 }), client, noTags)).length /
      clients.length;
    expect(share).toBeGreaterThan(0.27);
    expect(share).toBeLessThan(0.33);
  });

  it('should keep every client matched at weight 30 when the weight grows to 60', () => {
    const clients = identities(1_000).map((identity): ConfigClient => ({
      ip: '10.0.0.1',
      identity,
    }));
    const at30 = clients.filter((client) => matchesTarget(target({ weight: 30 }), client, noTags));
    const at60 = new Set(
      clients.filter((client) => matchesTarget(target({ weight: 60 }), client, noTags)),
    );
    expect(at30.length).toBeGreaterThan(0);
    expect(at60.size).toBeGreaterThan(at30.length);
    for (const client of at30) expect(at60.has(client)).toBe(true);
  });

  it('should draw the bucket from the identity when one is given, else from the address', () => {
    // An address in the lower half and an identity in the upper half, and the reverse.
    const ips = Array.from({ length: 1_000 }, (_, i) => `10.1.${i >> 8}.${i & 255}`);
    const ids = identities(1_000, 'socket');
    const lowIp = ips.find((ip) => bucketOf(CONFIG_ID, ip) < 50);
    const highIp = ips.find((ip) => bucketOf(CONFIG_ID, ip) >= 50);
    const lowId = ids.find((id) => bucketOf(CONFIG_ID, id) < 50);
    const highId = ids.find((id) => bucketOf(CONFIG_ID, id) >= 50);
    if (!lowIp || !highIp || !lowId || !highId) throw new Error('no fixture found');
    const half = target({ weight: 50 });

    expect(matchesTarget(half, { ip: lowIp, identity: highId }, noTags)).toBe(false);
    expect(matchesTarget(half, { ip: highIp, identity: lowId }, noTags)).toBe(true);
    expect(matchesTarget(half, { ip: lowIp }, noTags)).toBe(true);
    expect(matchesTarget(half, { ip: highIp }, noTags)).toBe(false);
  });

  it('should draw the bucket per config', () => {
    const ids = identities(1_000);
    const identity = ids.find((id) => bucketOf('cfg-a', id) < 50 && bucketOf('cfg-b', id) >= 50);
    if (!identity) throw new Error('no fixture found');
    const half = target({ weight: 50 });
    expect(
      matchesTarget(
        half,
        { ip: '10.0.0.1', identity },
        { configId: 'cfg-a', tagsAt: () => undefined },
      ),
    ).toBe(true);
    expect(
      matchesTarget(
        half,
        { ip: '10.0.0.1', identity },
        { configId: 'cfg-b', tagsAt: () => undefined },
      ),
    ).toBe(false);
  });

  it('should fall back to the weight for a client neither listed nor tagged', () => {
    const context = contextWithTags({ '10.0.0.1': ['canary'] });
    const client: ConfigClient = { ip: '10.0.0.7', labels: ['stable'] };
    expect(
      matchesTarget(target({ ips: ['10.0.0.1'], tags: ['canary'], weight: 100 }), client, context),
    ).toBe(true);
    expect(
      matchesTarget(target({ ips: ['10.0.0.1'], tags: ['canary'], weight: 0 }), client, context),
    ).toBe(false);

    for (const identity of identities(200)) {
      const weighted = target({ ips: ['10.0.0.1'], tags: ['canary'], weight: 40 });
      expect(matchesTarget(weighted, { ip: '10.0.0.7', identity }, context)).toBe(
        bucketOf(CONFIG_ID, identity) < 40,
      );
    }
  });

  it('should match a listed or tagged client even at weight 0', () => {
    const context = contextWithTags({ '10.0.0.2': ['canary'] });
    const weightless = target({ ips: ['10.0.0.1'], tags: ['canary'], weight: 0 });
    expect(matchesTarget(weightless, { ip: '10.0.0.1' }, context)).toBe(true);
    expect(matchesTarget(weightless, { ip: '10.0.0.2' }, context)).toBe(true);
    expect(matchesTarget(weightless, { ip: '10.0.0.3', labels: ['canary'] }, context)).toBe(true);
  });
});
