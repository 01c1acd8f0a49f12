import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorResponse } from './error-translation';

// One global filter: the transport is known from the path prefix, and each transport has its
// own exhaustive table (error-translation.ts). A single filter also covers unknown routes and
// body-parser errors, which never reach a controller-level @UseFilters.
@Catch()
export class AppExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(AppExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    sendError(request, reply, exception, this.logger);
  }
}

export function sendError(request: FastifyRequest, reply: FastifyReply, exception: unknown, logger: Pick<Logger, 'error'>): void {
  const rendered = errorResponse(request.url, exception, String(request.id), (err) =>
    logger.error(`unhandled error reqId=${request.id} ${request.method} ${request.routeOptions?.url ?? 'unmatched'}: ${err.message}`, err.stack),
  );
  void reply.status(rendered.status).headers(rendered.headers).header('content-type', rendered.contentType).send(rendered.body);
}
