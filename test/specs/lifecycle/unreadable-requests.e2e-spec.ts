import { connect } from 'node:net';
import { describe, expect, inject, it } from 'vitest';

const baseUrl = inject('baseUrl');

// Sends raw bytes and collects everything the server writes until it closes the connection.
function exchange(bytes: Buffer): Promise<string> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
  });
}

describe('requests the HTTP parser cannot read', () => {
  it.each([
    ['a byte that is not allowed in a request line', Buffer.concat([Buffer.from('HEAD /api/v1/namespaces/'), Buffer.from([0xff]), Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n')]), '400 Bad Request'],
    ['a header past the size limit', Buffer.from(`HEAD /health/live HTTP/1.1\r\nHost: x\r\nX-Big: ${'x'.repeat(20_000)}\r\n\r\n`), '431 Request Header Fields Too Large'],
  ])('should answer %s with its status, no body, and close the connection (a HEAD client reads nothing more)', async (_label, bytes, status) => {
    const answer = await exchange(bytes);
    expect(answer).toBe(`HTTP/1.1 ${status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
  });
});
