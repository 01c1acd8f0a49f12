// The load driver's HTTP/2 client: gRPC calls as frames written straight to a TCP socket, so a
// request costs the driver a few microseconds where a node:http2 stream object costs tens, and
// the figure measured is the server's. It speaks as much HTTP/2 as a gRPC client needs: the
// preface and SETTINGS (acked), request headers as one literal HPACK block (never indexed, so
// the server's decoder table stays empty), DATA split to the peer's frame size within the
// connection's send window, PING answered, WINDOW_UPDATE sent for what it reads, GOAWAY and
// RST_STREAM ending calls. It does not decode the headers the server sends (HPACK with its
// dynamic table): a call succeeds on its answer's content, which the caller checks (a failed
// gRPC call carries no message, only a status in its trailers).
import { connect as tcpConnect } from 'node:net';
import { BI_STREAM_PATH, REQUEST_PATH } from './grpc-wire.mjs';

const DATA = 0x0;
const HEADERS = 0x1;
const RST_STREAM = 0x3;
const SETTINGS = 0x4;
const PING = 0x6;
const GOAWAY = 0x7;
const WINDOW_UPDATE = 0x8;
const END_STREAM = 0x1;
const ACK = 0x1;
const END_HEADERS = 0x4;
const PADDED = 0x8;
const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
const MAX_WINDOW = 2 ** 31 - 1;

/** @param {number} length @param {number} type @param {number} flags @param {number} stream */
function frameHeader(length, type, flags, stream) {
  const head = Buffer.allocUnsafe(9);
  head.writeUIntBE(length, 0, 3);
  head[3] = type;
  head[4] = flags;
  head.writeUInt32BE(stream, 5);
  return head;
}

/** An HPACK string, not Huffman-coded (lengths under 127). @param {string} text */
function hpackString(text) {
  const bytes = Buffer.from(text);
  if (bytes.length > 126) throw new Error('header too long for this encoder');
  return Buffer.concat([Buffer.from([bytes.length]), bytes]);
}

/**
 * The request headers of a gRPC call as one HPACK block: `:method: POST` and `:scheme: http`
 * from the static table, the rest literal without indexing.
 * @param {string} authority
 * @param {string} path
 */
function headerBlock(authority, path) {
  return Buffer.concat([
    Buffer.from([0x83, 0x86]), // :method POST, :scheme http
    Buffer.from([0x04]), hpackString(path), // :path (static name 4)
    Buffer.from([0x01]), hpackString(authority), // :authority (static name 1)
    Buffer.from([0x0f, 0x10]), hpackString('application/grpc'), // content-type (static name 31)
    Buffer.from([0x00]), hpackString('te'), hpackString('trailers'),
  ]);
}

/**
 * @typedef {(message: Buffer | undefined, problem?: string) => void} Done
 * @typedef {{ chunks: Buffer[], done?: Done, onData?: (chunk: Buffer) => void }} Call
 */

export class RawGrpcConnection {
  /** @type {Map<number, Call>} */
  calls = new Map();
  nextStream = 1;
  sendWindow = 65_535;
  maxFrame = 16_384;
  received = 0;
  closed = false;
  /** @type {Buffer[]} */
  out = [];
  flushing = false;
  /** Requests waiting for send window: [stream headers, message, call]. @type {[Buffer, Buffer, Call][]} */
  waiting = [];
  /** @type {Buffer} */
  pending = Buffer.alloc(0);
  /** Called once the server's SETTINGS have arrived. @type {(() => void) | undefined} */
  onSettings;

  /**
   * @param {import('node:net').Socket} socket
   * @param {string} authority
   */
  constructor(socket, authority) {
    this.socket = socket;
    this.unaryHeaders = headerBlock(authority, REQUEST_PATH);
    this.streamHeaders = headerBlock(authority, BI_STREAM_PATH);
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.read(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => this.fail('connection closed'));
  }

  /**
   * Connects and exchanges SETTINGS; resolves once the server's have arrived.
   * @param {string} host
   * @param {number} port
   * @returns {Promise<RawGrpcConnection>}
   */
  static open(host, port) {
    return new Promise((resolve, reject) => {
      const socket = tcpConnect(port, host);
      const connection = new RawGrpcConnection(socket, `${host}:${port}`);
      connection.onSettings = () => resolve(connection);
      socket.once('error', reject);
      socket.once('connect', () => {
        // Our streams may receive up to 2 GB each; the connection's window is raised to 1 GB and
        // topped up as answers are read.
        const settings = Buffer.alloc(12);
        settings.writeUInt16BE(0x2, 0); // ENABLE_PUSH
        settings.writeUInt32BE(0, 2);
        settings.writeUInt16BE(0x4, 6); // INITIAL_WINDOW_SIZE
        settings.writeUInt32BE(MAX_WINDOW, 8);
        const increment = Buffer.allocUnsafe(4);
        increment.writeUInt32BE(2 ** 30 - 65_535);
        socket.write(Buffer.concat([PREFACE, frameHeader(12, SETTINGS, 0, 0), settings, frameHeader(4, WINDOW_UPDATE, 0, 0), increment]));
      });
    });
  }

  /**
   * One unary call: `done` gets the answer's message bytes, or undefined and what went wrong.
   * @param {Buffer} message the framed request (gRPC length prefix included)
   * @param {Done} done
   */
  unary(message, done) {
    if (this.closed) return done(undefined, 'connection closed');
    this.start(this.unaryHeaders, message, { chunks: [], done });
  }

  /**
   * Opens the bi-stream: `onData` gets its DATA as it comes; `write` sends framed messages on it.
   * @param {(chunk: Buffer) => void} onData
   */
  openStream(onData) {
    const stream = this.nextStream;
    this.nextStream += 2;
    this.calls.set(stream, { chunks: [], onData });
    this.out.push(frameHeader(this.streamHeaders.length, HEADERS, END_HEADERS, stream), this.streamHeaders);
    this.flush();
    return { write: (/** @type {Buffer} */ message) => this.data(stream, message, false) };
  }

  /**
   * A unary call's HEADERS and DATA, or queued until the connection's send window has room.
   * @param {Buffer} headers
   * @param {Buffer} message
   * @param {Call} call
   */
  start(headers, message, call) {
    if (this.waiting.length || message.length > this.sendWindow) {
      this.waiting.push([headers, message, call]);
      return;
    }
    const stream = this.nextStream;
    this.nextStream += 2;
    this.calls.set(stream, call);
    this.out.push(frameHeader(headers.length, HEADERS, END_HEADERS, stream), headers);
    this.data(stream, message, true);
  }

  /** @param {number} stream @param {Buffer} message @param {boolean} end */
  data(stream, message, end) {
    for (let at = 0; at < message.length; at += this.maxFrame) {
      const part = message.subarray(at, at + this.maxFrame);
      const last = at + this.maxFrame >= message.length;
      this.out.push(frameHeader(part.length, DATA, end && last ? END_STREAM : 0, stream), part);
    }
    this.sendWindow -= message.length;
    this.flush();
  }

  /** Writes what this turn of the event loop queued in one go. */
  flush() {
    if (this.flushing) return;
    this.flushing = true;
    process.nextTick(() => {
      this.flushing = false;
      if (!this.out.length || this.closed) return;
      const bytes = this.out.length === 1 ? this.out[0] : Buffer.concat(this.out);
      this.out = [];
      this.socket.write(bytes);
    });
  }

  /** @param {Buffer} chunk */
  read(chunk) {
    let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    while (buf.length >= 9) {
      const length = buf.readUIntBE(0, 3);
      if (buf.length < 9 + length) break;
      const type = buf[3];
      const flags = buf[4];
      const stream = buf.readUInt32BE(5) & 0x7fffffff;
      let payload = buf.subarray(9, 9 + length);
      buf = buf.subarray(9 + length);
      if (type === DATA) {
        this.received += length;
        if (flags & PADDED) payload = payload.subarray(1, payload.length - payload[0]);
        const call = this.calls.get(stream);
        if (call?.onData) call.onData(payload);
        else if (call && payload.length) call.chunks.push(payload);
        if (flags & END_STREAM) this.finish(stream);
      } else if (type === HEADERS) {
        if (flags & END_STREAM) this.finish(stream);
      } else if (type === RST_STREAM) {
        this.finish(stream, `stream reset (code ${payload.readUInt32BE(0)})`);
      } else if (type === SETTINGS && !(flags & ACK)) {
        for (let at = 0; at + 6 <= payload.length; at += 6) {
          const id = payload.readUInt16BE(at);
          const value = payload.readUInt32BE(at + 2);
          if (id === 0x5) this.maxFrame = value;
        }
        this.out.push(frameHeader(0, SETTINGS, ACK, 0));
        this.flush();
        this.onSettings?.();
        this.onSettings = undefined;
      } else if (type === PING && !(flags & ACK)) {
        this.out.push(frameHeader(8, PING, ACK, 0), Buffer.from(payload));
        this.flush();
      } else if (type === GOAWAY) {
        this.fail(`GOAWAY (code ${payload.readUInt32BE(4)})`);
      } else if (type === WINDOW_UPDATE && stream === 0) {
        this.sendWindow += payload.readUInt32BE(0) & 0x7fffffff;
        const waiting = this.waiting;
        this.waiting = [];
        for (const [headers, message, call] of waiting) this.start(headers, message, call);
      }
    }
    this.pending = buf.length ? Buffer.from(buf) : Buffer.alloc(0);
    if (this.received >= 2 ** 29) {
      const increment = Buffer.allocUnsafe(4);
      increment.writeUInt32BE(this.received);
      this.received = 0;
      this.out.push(frameHeader(4, WINDOW_UPDATE, 0, 0), increment);
      this.flush();
    }
  }

  /** @param {number} stream @param {string} [problem] */
  finish(stream, problem) {
    const call = this.calls.get(stream);
    if (!call) return;
    this.calls.delete(stream);
    if (!call.done) return;
    if (problem) return call.done(undefined, problem);
    const data = call.chunks.length === 1 ? call.chunks[0] : Buffer.concat(call.chunks);
    if (data.length < 5 || data.length < 5 + data.readUInt32BE(1)) return call.done(undefined, 'no answer message (a failed call: grpc-status in its trailers)');
    call.done(data.subarray(5, 5 + data.readUInt32BE(1)));
  }

  /** Every open call ends with `problem`; the connection is not used again. @param {string} problem */
  fail(problem) {
    this.closed = true;
    const calls = [...this.calls.values(), ...this.waiting.map(([, , call]) => call)];
    this.calls.clear();
    this.waiting = [];
    for (const call of calls) call.done?.(undefined, problem);
  }

  /** Says goodbye (GOAWAY) and closes the socket. */
  close() {
    if (this.socket.destroyed) return Promise.resolve();
    const closed = new Promise((resolve) => this.socket.once('close', resolve));
    this.closed = true;
    this.socket.end(Buffer.concat([frameHeader(8, GOAWAY, 0, 0), Buffer.alloc(8)]));
    setTimeout(() => this.socket.destroy(), 2000).unref();
    return closed;
  }
}
