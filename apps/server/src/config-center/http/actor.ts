import type { FastifyRequest } from 'fastify';
import type { Actor } from '../config-publish.service';

// Who made a change, for the history. Until users exist every caller is "anonymous".
export function actorOf(request: FastifyRequest, author?: string): Actor {
  return { author: author || 'anonymous', sourceIp: request.ip };
}
