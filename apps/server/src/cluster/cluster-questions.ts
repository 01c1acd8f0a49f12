import { randomUUID } from 'node:crypto';
import type { ClusterConnection } from './cluster-connection';
import type { Notice } from './cluster-notices';

export type Answerer = (data: unknown) => unknown;

interface Reply {
  node: string;
  ask: string;
  data: unknown;
}

// How long a question to the other nodes waits for their answers (a node that does not answer in
// time is left out of the result).
const ASK_TIMEOUT_MS = 1000;

// Ask/answer across the nodes: a question goes out as a notice carrying its id, and every other
// node answers on the asker's own reply channel.
export class ClusterQuestions {
  private readonly answerers = new Map<string, Answerer>();
  private readonly asked = new Map<string, { replies: unknown[]; waiting: Set<string>; answered: Set<string>; done: () => void }>();

  constructor(
    private readonly connection: ClusterConnection,
    private readonly nodesHeardLately: () => string[],
  ) {}

  answer(kind: string, answerer: Answerer): void {
    this.answerers.set(kind, answerer);
  }

  async ask(kind: string, data: unknown): Promise<unknown[]> {
    const { publisher } = this.connection;
    if (!publisher || !this.connection.subscribed) return [];
    const expected = this.nodesHeardLately();
    if (expected.length === 0) return [];
    const id = randomUUID();
    return new Promise<unknown[]>((resolve) => {
      const entry = { replies: [] as unknown[], waiting: new Set(expected), answered: new Set<string>(), done: () => undefined as void };
      const timer = setTimeout(() => entry.done(), ASK_TIMEOUT_MS);
      entry.done = () => {
        clearTimeout(timer);
        this.asked.delete(id);
        resolve(entry.replies);
      };
      this.asked.set(id, entry);
      const notice: Notice = { node: this.connection.nodeId, kind, data, ask: id };
      publisher.publish(this.connection.channel, JSON.stringify(notice)).catch(() => entry.done());
    });
  }

  // Another node's question (a notice with an id): answered on that node's reply channel.
  answerNotice(notice: Notice, ask: string): void {
    const answerer = this.answerers.get(notice.kind);
    const reply: Reply = { node: this.connection.nodeId, ask, data: answerer ? answerer(notice.data) : null };
    const to = this.connection.keyOf(`replies:${notice.node}`);
    this.connection.publisher?.publish(to, JSON.stringify(reply)).catch((error: unknown) => this.connection.logger.warn(`cluster answer ${notice.kind} not sent: ${(error as Error).message}`));
  }

  replied(message: string): void {
    let reply: Reply;
    try {
      reply = JSON.parse(message) as Reply;
    } catch {
      return;
    }
    const entry = this.asked.get(reply.ask);
    if (!entry || entry.answered.has(reply.node)) return;
    entry.answered.add(reply.node);
    entry.waiting.delete(reply.node);
    if (reply.data !== null) entry.replies.push(reply.data);
    if (entry.waiting.size === 0) entry.done();
  }
}
