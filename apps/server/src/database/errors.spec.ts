import { QueryFailedError } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../common/errors/domain-error';
import { databaseAddress, databaseUnavailableRecogniser, isDatabaseUnavailable } from './errors';

const socketError = (code: string, port?: number) => Object.assign(new Error(`connect ${code} 10.0.0.5:${port ?? 0}`), { code, syscall: 'connect', ...(port ? { address: '10.0.0.5', port } : {}) });
const queryFailed = (driverError: Error) => new QueryFailedError('INSERT INTO configs …', [], driverError);
const pg = { hostname: 'db.internal', port: 5432 };

describe('isDatabaseUnavailable', () => {
  it('should recognise pg and pg-pool failures to reach or keep the database', () => {
    expect(isDatabaseUnavailable(socketError('ECONNREFUSED', 5432), pg)).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'), pg)).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated due to connection timeout'), pg)).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'), pg)).toBe(true);
    expect(isDatabaseUnavailable(queryFailed(new Error('Query read timeout')), pg)).toBe(true);
    expect(isDatabaseUnavailable(queryFailed(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })), pg)).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('the database system is starting up'), { code: '57P03' }), pg)).toBe(true);
    expect(isDatabaseUnavailable(queryFailed(Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' })), pg)).toBe(true);
    expect(isDatabaseUnavailable(queryFailed(socketError('ECONNRESET')), pg)).toBe(true);
    // Node tries each address of a name: the failures come together.
    expect(isDatabaseUnavailable(Object.assign(new AggregateError([socketError('ECONNREFUSED', 5432)], ''), { code: 'ECONNREFUSED' }), pg)).toBe(true);
  });

  it('should recognise mysql2 failures to reach or keep the database', () => {
    const mysql = { hostname: 'db.internal', port: 3306 };
    expect(isDatabaseUnavailable(Object.assign(socketError('ECONNREFUSED', 3306), { fatal: true }), mysql)).toBe(true);
    expect(isDatabaseUnavailable(queryFailed(Object.assign(new Error('Connection lost: The server closed the connection.'), { code: 'PROTOCOL_CONNECTION_LOST', fatal: true })), mysql)).toBe(true);
    expect(isDatabaseUnavailable(queryFailed(Object.assign(new Error('Query inactivity timeout'), { code: 'PROTOCOL_SEQUENCE_TIMEOUT' })), mysql)).toBe(true);
    expect(isDatabaseUnavailable(queryFailed(Object.assign(new Error("Can't add new command when connection is in closed state"), { fatal: true })), mysql)).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT', fatal: true }), mysql)).toBe(true);
    expect(isDatabaseUnavailable(queryFailed(Object.assign(new Error('Server shutdown in progress'), { code: 'ER_SERVER_SHUTDOWN', errno: 1053 })), mysql)).toBe(true);
    expect(isDatabaseUnavailable(queryFailed(Object.assign(new Error('Connection was killed'), { errno: 1927 })), mysql)).toBe(true);
  });

  it('should leave failed statements and other peers (Redis) alone', () => {
    expect(isDatabaseUnavailable(queryFailed(Object.assign(new Error('duplicate key value'), { code: '23505' })), pg)).toBe(false);
    expect(isDatabaseUnavailable(queryFailed(Object.assign(new Error("Duplicate entry 'a'"), { code: 'ER_DUP_ENTRY', errno: 1062 })), pg)).toBe(false);
    expect(isDatabaseUnavailable(queryFailed(Object.assign(new Error('relation "configs" does not exist'), { code: '42P01' })), pg)).toBe(false);
    expect(isDatabaseUnavailable(socketError('ECONNREFUSED', 6379), pg)).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'), pg)).toBe(false);
    expect(isDatabaseUnavailable(undefined, pg)).toBe(false);
  });
});

describe('databaseUnavailableRecogniser', () => {
  it('should answer SERVICE_UNAVAILABLE naming the database, and tell of the cause', () => {
    const causes: string[] = [];
    const recognise = databaseUnavailableRecogniser(databaseAddress({ type: 'postgres', url: 'postgres://u:secret@db.internal/app', schema: 'public' }), (cause) => causes.push(cause));
    const recognised = recognise(socketError('ECONNREFUSED', 5432));
    expect(recognised).toBeInstanceOf(DomainError);
    expect(recognised).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: 'the database is unavailable; retry later' });
    expect(causes).toEqual(['connect ECONNREFUSED 10.0.0.5:5432']);
    expect(recognise(new Error('boom'))).toBeUndefined();
    expect(databaseAddress({ type: 'sqlite', file: 'x', busyTimeoutMs: 1, synchronous: 'FULL' })).toBeUndefined();
  });
});
