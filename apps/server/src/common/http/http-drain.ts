import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Injectable } from '@nestjs/common';
import { REQUEST_ID_HEADER } from '@switchboard/shared';
import { DomainError } from '../errors/domain-error';
import { renderError, transportOf } from './error-translation';
import { requestIdFor } from './http-hooks';

const SHUTTING_DOWN = new DomainError('SERVICE_UNAVAILABLE', 'the server is shutting down; retry on another node');

// Stops HTTP intake before the application's modules shut down. The framework's own order
// (module destroy hooks, then the HTTP server) would let requests arrive after the audit trail
// wrote its last rows, and run after the database closed. Draining first: no new connections,
// a 503 (with Connection: close) for each new request on an open one, held requests (long polls)
// answered at once, then a wait for the requests in flight. Only then do the modules shut down,
// so everything those requests changed is written before the database closes.
@Injectable()
export class HttpDrain {
  private inFlight = 0;
  private draining = false;
  private idle?: () => void;
  private readonly releasers: (() => void)[] = [];

  // Every request of the HTTP server passes here first; false: it was answered (503).
  admit(req: IncomingMessage, res: ServerResponse): boolean {
    if (this.draining) {
      const requestId = requestIdFor(req);
      const rendered = renderError(transportOf(req.url ?? '/'), SHUTTING_DOWN, requestId);
      res.writeHead(rendered.status, {
        'content-type': rendered.contentType,
        'content-length': Buffer.byteLength(rendered.body),
        connection: 'close',
        'retry-after': '1',
        [REQUEST_ID_HEADER]: requestId,
      });
      res.end(rendered.body);
      return false;
    }
    this.inFlight += 1;
    res.on('close', this.finished); // a response closes once: no wrapper, no closure per request
    return true;
  }

  private readonly finished = (): void => {
    this.inFlight -= 1;
    if (this.inFlight === 0) this.idle?.();
  };

  // `release` answers the requests a service holds (long polls) and stops it holding new ones.
  onDrain(release: () => void): void {
    this.releasers.push(release);
  }

  inFlightCount(): number {
    return this.inFlight;
  }

  // Resolves once no request is in flight (the caller bounds the wait with its shutdown timeout).
  async drain(server: Server): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    server.close(); // no new connections; the framework closes the server again later (a no-op)
    server.closeIdleConnections();
    for (const release of this.releasers) release();
    if (this.inFlight > 0) await new Promise<void>((resolve) => (this.idle = resolve));
    // Keep-alive connections that carried the last requests are idle now.
    server.closeIdleConnections();
  }
}
