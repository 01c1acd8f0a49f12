import type { FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    // The client's address (plain IPv4 for IPv4 peers), read when the request arrived.
    clientIp: string;
  }
}

// The client's address as it was when the request arrived (registerHttpHooks keeps it): a
// client that has reset its connection since leaves a socket that no longer knows its peer.
export function clientIpOf(request: FastifyRequest): string {
  return request.clientIp || plainIp(request.ip);
}

// IPv4 peers of a dual-stack socket show as ::ffff:a.b.c.d; a socket already closed when it was
// asked knows no address ('').
export function plainIp(ip: string | undefined): string {
  if (!ip) return '';
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}
