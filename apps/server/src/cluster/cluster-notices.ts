import type { ClusterConnection } from './cluster-connection';
import type { ClusterQuestions } from './cluster-questions';

export type NoticeHandler = (data: unknown) => Promise<void> | void;
export type Resync = () => Promise<void>;

export interface Notice {
  node: string;
  kind: string;
  data: unknown;
  ask?: string; // a question's id: the other nodes answer on the asker's reply channel
}

// Nodes heard from within this long are expected to answer.
const ALIVE_WITHIN_MS = 3000;

// Publish/subscribe: the nodes tell each other of every committed change over one Redis channel
// (see ClusterBus for what a receiver does with a notice), and each reloads its areas from the
// database after every (re)subscription.
export class ClusterNotices {
  private readonly handlers = new Map<string, NoticeHandler>();
  private readonly resyncs: { area: string; run: Resync }[] = [];
  private readonly heardAtMs = new Map<string, number>();
  private receiving: Promise<void> = Promise.resolve();
  private readonly ownStart: string;
  private sentCount = 0;
  private receivedCount = 0;

  constructor(
    private readonly connection: ClusterConnection,
    private readonly questions: ClusterQuestions,
  ) {
    this.ownStart = `{"node":${JSON.stringify(connection.nodeId)},`;
  }

  get sent(): number {
    return this.sentCount;
  }

  get received(): number {
    return this.receivedCount;
  }

  on(kind: string, handler: NoticeHandler): void {
    this.handlers.set(kind, handler);
  }

  onResync(area: string, run: Resync): void {
    this.resyncs.push({ area, run });
  }

  // Never fails the change: a notice that cannot be sent is logged, and the others catch up at
  // their next resync.
  announce(kind: string, data: unknown): void {
    const { publisher, logger } = this.connection;
    if (!publisher) return;
    const notice: Notice = { node: this.connection.nodeId, kind, data };
    this.sentCount += 1;
    publisher.publish(this.connection.channel, JSON.stringify(notice)).catch((error: unknown) => logger.warn(`cluster notice ${kind} not sent: ${(error as Error).message}`));
  }

  lastHeardFrom(node: string): number | undefined {
    return this.heardAtMs.get(node);
  }

  // The other nodes heard from lately (every node sends a notice at least once a second).
  nodesHeardLately(): string[] {
    const nowMs = Date.now();
    return [...this.heardAtMs].filter(([, at]) => nowMs - at <= ALIVE_WITHIN_MS).map(([node]) => node);
  }

  // Notices are handled one after the other, in the order they came (a service before the
  // instance registered in it).
  receive(message: string): void {
    this.receiving = this.receiving.then(() => this.handle(message));
  }

  // After a reconnect, in turn with the notices: a full reload, as notices may have been lost.
  resyncInTurn(then: () => void): void {
    this.receiving = this.receiving.then(() => this.resync()).then(then);
  }

  async resync(): Promise<void> {
    for (const { area, run } of this.resyncs) {
      try {
        await run();
      } catch (error) {
        this.connection.logger.error(`cluster resync of ${area} failed: ${(error as Error).message}`, (error as Error).stack);
      }
    }
  }

  private async handle(message: string): Promise<void> {
    // Redis hands every subscriber its own notices too: ours are known by their start (the node
    // comes first in every notice), without parsing a whole record.
    if (message.startsWith(this.ownStart)) return;
    let notice: Notice;
    try {
      notice = JSON.parse(message) as Notice;
    } catch {
      this.connection.logger.warn('cluster notice ignored: not JSON');
      return;
    }
    if (notice.node === this.connection.nodeId) return;
    this.heardAtMs.set(notice.node, Date.now());
    this.receivedCount += 1;
    if (notice.ask !== undefined) {
      this.questions.answerNotice(notice, notice.ask);
      return;
    }
    const handler = this.handlers.get(notice.kind);
    if (!handler) return;
    try {
      await handler(notice.data);
    } catch (error) {
      this.connection.logger.error(`cluster notice ${notice.kind} failed: ${(error as Error).message}`, (error as Error).stack);
    }
  }
}
