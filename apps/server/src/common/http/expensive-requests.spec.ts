import { EventEmitter } from 'node:events';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { MetricsService } from '../metrics/metrics.service';
import type { Settings } from '../../settings/settings';
import { DomainError } from '../errors/domain-error';
import { ExpensiveRequests, expensiveCallerKey } from './expensive-requests';
import { DEVELOPMENT_PRINCIPAL, type Principal } from '../../identity/principal';

const alice: Principal = { username: 'alice', roles: [], admin: false, permissions: [] };

function exchange(principal: Principal | undefined, ip: string): { request: FastifyRequest; reply: FastifyReply; close: () => void } {
  const raw = Object.assign(new EventEmitter(), { closed: false, destroyed: false });
  return {
    request: { principal, ip } as unknown as FastifyRequest,
    reply: { raw } as unknown as FastifyReply,
    close: () => {
      raw.closed = true;
      raw.emit('close');
    },
  };
}

describe('expensiveCallerKey', () => {
  it('should key a signed-in user by name, wherever it calls from', () => {
    expect(expensiveCallerKey(alice, '10.0.0.1')).toBe('user:alice');
    expect(expensiveCallerKey(alice, '10.0.0.2')).toBe('user:alice');
  });

  it('should key by address when nobody is signed in or authentication is off', () => {
    expect(expensiveCallerKey(undefined, '10.0.0.1')).toBe('ip:10.0.0.1');
    expect(expensiveCallerKey(DEVELOPMENT_PRINCIPAL, '10.0.0.2')).toBe('ip:10.0.0.2');
    expect(expensiveCallerKey(DEVELOPMENT_PRINCIPAL, '10.0.0.3')).not.toBe(expensiveCallerKey(DEVELOPMENT_PRINCIPAL, '10.0.0.4'));
  });
});

describe('ExpensiveRequests', () => {
  const limited = (limit: number) => new ExpensiveRequests({ limits: { expensiveRequestsPerCaller: limit } } as Settings, new MetricsService());

  it('should hold a slot until the answer is closed, and refuse one over the limit with 429 naming it', () => {
    const expensive = limited(1);
    const first = exchange(alice, '10.0.0.1');
    expensive.hold(first.request, first.reply, 'export');
    const second = exchange(alice, '10.0.0.9');
    const refused = (() => {
      try {
        expensive.hold(second.request, second.reply, 'search');
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'TOO_MANY_CONCURRENT_REQUESTS', details: { limit: 1 }, message: expect.stringContaining('at most 1 config searches, exports and history diffs per caller') });
    // Another caller is not affected.
    const other = exchange(undefined, '10.0.0.1');
    expect(() => expensive.hold(other.request, other.reply, 'search')).not.toThrow();
    first.close();
    expect(() => expensive.hold(second.request, second.reply, 'search')).not.toThrow();
  });

  it('should give the slot back at once when the connection is already closed', () => {
    const expensive = limited(1);
    const gone = exchange(alice, '10.0.0.1');
    gone.close();
    expensive.hold(gone.request, gone.reply, 'diff');
    const next = exchange(alice, '10.0.0.1');
    expect(() => expensive.hold(next.request, next.reply, 'diff')).not.toThrow();
  });
});
