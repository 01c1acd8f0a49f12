import { connect } from 'node:net';

// What a raw exchange ended with: the status of the answer, or undefined when the connection
// closed without one (expected only when the client itself cut the request short).
export interface RawAnswer {
  status: number | undefined;
  head: string;
  body: Buffer;
}

export interface RawOptions {
  // After the bytes are written: 'wait' reads the answer; 'half-close' ends the client's side
  // first (a body shorter than its content-length); 'reset' aborts the connection at once.
  after?: 'wait' | 'half-close' | 'reset';
  timeoutMs?: number;
}

// The end of an answer whose head is complete: by content-length, by the last chunk, or by the
// close of the connection (undefined: read on).
function answerEnd(buffer: Buffer, headEnd: number, head: string): number | undefined {
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1]);
  if (status === 204 || status === 304 || (status >= 100 && status < 200)) return headEnd;
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (length) return buffer.length >= headEnd + Number(length[1]) ? headEnd + Number(length[1]) : undefined;
  if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
    const last = buffer.indexOf('\r\n0\r\n\r\n', headEnd - 2);
    return last >= 0 ? last + 7 : undefined;
  }
  return undefined;
}

// Writes the bytes exactly as given on a new connection to 127.0.0.1 and reads the first answer:
// for requests no regular HTTP client sends (bad framing, invalid bytes in the request line or
// headers, a client that goes away). Rejects only when the connection cannot be made or no
// answer came in time.
export function rawExchange(port: number, bytes: Buffer | string, options: RawOptions = {}): Promise<RawAnswer> {
  const { after = 'wait', timeoutMs = 20_000 } = options;
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (answer: RawAnswer | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (answer instanceof Error) reject(answer);
      else resolve(answer);
    };
    const timer = setTimeout(() => finish(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    const parse = (): RawAnswer | undefined => {
      const buffer = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      const headEnd = buffer.indexOf('\r\n\r\n');
      if (headEnd < 0) return undefined;
      const head = buffer.subarray(0, headEnd).toString('latin1');
      const end = answerEnd(buffer, headEnd + 4, head);
      if (end === undefined) return undefined;
      return { status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1]) || undefined, head, body: buffer.subarray(headEnd + 4, end) };
    };
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const answer = parse();
      if (answer) finish(answer);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED') finish(error);
      // A reset after (part of) an answer: what was read counts.
    });
    socket.on('close', () => {
      const buffer = Buffer.concat(chunks);
      const headEnd = buffer.indexOf('\r\n\r\n');
      const head = headEnd >= 0 ? buffer.subarray(0, headEnd).toString('latin1') : buffer.toString('latin1');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1]) || undefined;
      finish({ status, head, body: headEnd >= 0 ? buffer.subarray(headEnd + 4) : Buffer.alloc(0) });
    });
    socket.once('connect', () => {
      socket.write(bytes, () => {
        if (after === 'reset') {
          socket.resetAndDestroy();
          finish({ status: undefined, head: '', body: Buffer.alloc(0) });
        } else if (after === 'half-close') socket.end();
      });
    });
  });
}
