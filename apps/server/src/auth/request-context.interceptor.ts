import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Observable, type Subscription } from 'rxjs';
import { plainIp, requestContext } from './request-context';

// Runs each HTTP route handler (and everything it awaits) in the request's context: the caller
// the guard verified and the client's address, for the audit trail. The context ends when the
// handler's answer is complete, failed or abandoned.
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const store = { sourceIp: plainIp(request.ip), principal: request.principal };
    return new Observable((subscriber) => {
      let release!: () => void;
      const done = new Promise<void>((resolve) => (release = resolve));
      let inner: Subscription | undefined;
      requestContext.run(store, () => {
        // Subscribing calls the handler: its work starts inside the context.
        inner = next.handle().subscribe({
          next: (value) => subscriber.next(value),
          error: (error: unknown) => {
            release();
            subscriber.error(error);
          },
          complete: () => {
            release();
            subscriber.complete();
          },
        });
        return done;
      });
      return () => {
        inner?.unsubscribe();
        release();
      };
    });
  }
}
