import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookPayload } from '@switchboard/shared';

export interface ReceivedDelivery {
  arrivedAt: number; // performance.now() when the whole body had arrived
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  payload: WebhookPayload;
  deliveryId: string;
}

// What the receiver does with one request: answer at once with a status, or hold it open until
// release() (a slow receiver, or one still busy when the server is killed).
export type ReceiverAnswer = number | 'hold';

export interface WebhookReceiver {
  url: string;
  received: ReceivedDelivery[];
  held: () => number;
  // Decides the answer for each request in arrival order (the default: 200).
  answerWith(decide: (delivery: ReceivedDelivery, index: number) => ReceiverAnswer): void;
  // Answers every held request with this status.
  release(status?: number): void;
  // Resolves with the first request (already received or to come) matching the predicate.
  waitFor(predicate: (d: ReceivedDelivery) => boolean, timeoutMs?: number): Promise<ReceivedDelivery>;
  // Resolves once `count` requests match.
  waitForCount(predicate: (d: ReceivedDelivery) => boolean, count: number, timeoutMs?: number): Promise<ReceivedDelivery[]>;
  close(): Promise<void>;
}

// A webhook receiver on 127.0.0.1 that records every request with its arrival time.
export async function startReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedDelivery[] = [];
  const heldResponses: ServerResponse[] = [];
  const waiters = new Set<() => void>();
  let decide: (delivery: ReceivedDelivery, index: number) => ReceiverAnswer = () => 200;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks);
      const delivery: ReceivedDelivery = {
        arrivedAt: performance.now(),
        headers: req.headers,
        rawBody,
        payload: JSON.parse(rawBody.toString('utf8')) as WebhookPayload,
        deliveryId: String(req.headers['x-switchboard-delivery'] ?? ''),
      };
      const index = received.length;
      received.push(delivery);
      const answer = decide(delivery, index);
      if (answer === 'hold') heldResponses.push(res);
      else res.writeHead(answer, { 'content-type': 'text/plain' }).end('ok');
      for (const wake of [...waiters]) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const waitForCount = (predicate: (d: ReceivedDelivery) => boolean, count: number, timeoutMs = 10_000) =>
    new Promise<ReceivedDelivery[]>((resolve, reject) => {
      const check = () => {
        const matching = received.filter(predicate);
        if (matching.length < count) return false;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(matching);
        return true;
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`receiver: ${received.filter(predicate).length} of ${count} matching request(s) after ${timeoutMs} ms (${received.length} received)`));
      }, timeoutMs);
      if (!check()) waiters.add(check);
    });

  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    held: () => heldResponses.filter((r) => !r.writableEnded && !r.destroyed).length,
    answerWith: (next) => (decide = next),
    release: (status = 200) => {
      for (const res of heldResponses.splice(0)) if (!res.writableEnded && !res.destroyed) res.writeHead(status).end('ok');
    },
    waitFor: async (predicate, timeoutMs) => (await waitForCount(predicate, 1, timeoutMs))[0],
    waitForCount,
    close: async () => {
      for (const res of heldResponses.splice(0)) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// Checks X-Switchboard-Signature as a receiver should: HMAC-SHA256 of the raw body bytes,
// compared in constant time.
export function signatureIsValid(delivery: ReceivedDelivery, secret: string): boolean {
  const header = String(delivery.headers['x-switchboard-signature'] ?? '');
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(delivery.rawBody).digest('hex')}`);
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
