import { Column, Entity, PrimaryColumn, type EntityManager } from 'typeorm';

// The durable change feed of cluster mode. Every committed change to replicated state (a config,
// a canary, a namespace, users and permissions, a service, a persistent instance) writes a row
// here in its own transaction, numbered by the one-row counter `change_feed_head`. The counter is
// updated in that transaction, so its row lock is held until the commit: sequences are assigned
// in commit order and without holes (a rolled-back transaction takes its number back). A node
// that has applied every change up to N and sees N + 2 knows N + 1 is committed and missing, and
// reads it here. Redis notices only make this faster.

// A change as its writer declares it: which area, which key of it (the area's own encoding),
// and, for the notice only (never stored), the committed record, which saves the other nodes a
// read of their own.
export interface FeedEntry {
  area: string;
  key: string;
  payload?: unknown;
}

export interface CommittedEntry extends FeedEntry {
  seq: number;
}

// Told of every commit that wrote feed rows, after the commit (cluster mode's replication).
export interface FeedSink {
  readonly node: string;
  committed(entries: CommittedEntry[]): void;
}

const bigintNumber = {
  to: (value: number) => value,
  from: (value: string | number) => Number(value),
};

@Entity('change_feed')
export class ChangeFeedEntity {
  @PrimaryColumn({ type: 'bigint', transformer: bigintNumber })
  seq!: number;

  @Column({ type: 'varchar', length: 32 })
  area!: string;

  @Column({ name: 'entry_key', type: 'text' })
  key!: string;

  // The node that committed the change.
  @Column({ type: 'varchar', length: 64 })
  node!: string;

  @Column({ name: 'at_ms', type: 'bigint', transformer: bigintNumber })
  atMs!: number;
}

@Entity('change_feed_head')
export class ChangeFeedHeadEntity {
  @PrimaryColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'bigint', transformer: bigintNumber })
  seq!: number;
}

// Statements that commit in another change's transaction (a canary promote ends its canary in
// the transaction of the config's new version), and the changes they make.
export interface ChangeWork {
  run(manager: EntityManager): Promise<void>;
  feed: FeedEntry[];
}

// Two works committed in one transaction, in this order.
export function bothWorks(first: ChangeWork, second: ChangeWork | undefined): ChangeWork {
  if (!second) return first;
  return {
    run: async (manager) => {
      await first.run(manager);
      await second.run(manager);
    },
    feed: [...first.feed, ...second.feed],
  };
}
