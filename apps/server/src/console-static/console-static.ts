import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../common/errors/domain-error';
import { sendError } from '../common/http/app-exception.filter';

// Paths that belong to the server; everything else is the console's (client-side routing).
const SERVER_PREFIXES = ['/api/', '/nacos/', '/socket.io', '/health/', '/metrics'];

function isServerPath(url: string): boolean {
  return SERVER_PREFIXES.some((prefix) => url.startsWith(prefix)) || url === '/api' || url === '/nacos';
}

// Serves the built console at `/`: its files, and index.html for any other GET (SPA fallback).
export async function registerConsole(fastify: FastifyInstance, consoleDir: string, log: { warn: (m: string) => void; error: (m: string, s?: string) => void }): Promise<void> {
  const indexFile = join(consoleDir, 'index.html');
  const hasConsole = existsSync(indexFile);
  if (!hasConsole) log.warn(`console build not found at ${consoleDir}; only the APIs are served`);
  const indexHtml = hasConsole ? readFileSync(indexFile) : undefined;
  if (hasConsole) {
    await fastify.register(fastifyStatic, {
      root: consoleDir,
      prefix: '/',
      wildcard: false,
      index: false,
      decorateReply: false,
      cacheControl: false,
      setHeaders: (res, path) => {
        // Hashed asset names never change content; index.html must always be revalidated.
        void res.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  fastify.get('/*', (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0];
    if (!indexHtml || isServerPath(path)) {
      sendError(request, reply, new DomainError('ROUTE_NOT_FOUND', `no route for GET ${path}`), log);
      return;
    }
    void reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(indexHtml);
  });
  fastify.get('/', (_request, reply) => {
    if (!indexHtml) {
      void reply.type('text/plain; charset=utf-8').send('Switchboard is running; the console is not built (npm run build).');
      return;
    }
    void reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(indexHtml);
  });
}
