import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';

// Flipped on once the server listens, off as soon as shutdown begins, so load balancers stop
// sending traffic before connections are closed.
@Injectable()
export class Readiness implements BeforeApplicationShutdown {
  private ready = false;

  markReady(): void {
    this.ready = true;
  }

  isReady(): boolean {
    return this.ready;
  }

  markStopping(): void {
    this.ready = false;
  }

  beforeApplicationShutdown(): void {
    this.markStopping();
  }
}
