// The Nacos gRPC protocol (SDK 2.x/3.x) as the bench speaks it: raw node:http2 sessions with gRPC
// framing, the Payload message encoded by hand. Far cheaper per request than grpc-js client
// channels, so the load measured is the server's. The wire contract (no proto package):
//   Metadata { string type = 3; map<string,string> headers = 7; string clientIp = 8; }
//   Payload  { Metadata metadata = 2; google.protobuf.Any body = 3; }   Any { type_url = 1; bytes value = 2; }
// `body.value` is the request or response object as UTF-8 JSON. Unary `/Request/request` carries
// every client request; `/BiRequestStream/requestBiStream` is the connection: the client opens it
// with ConnectionSetupRequest, the server pushes requests on it (SetupAckRequest first) and the
// client answers each with the matching response carrying the same requestId.
import { createHash } from 'node:crypto';
import http2 from 'node:http2';

export const REQUEST_PATH = '/Request/request';
export const BI_STREAM_PATH = '/BiRequestStream/requestBiStream';
export const CLIENT_VERSION = 'Nacos-Java-Client:v2.4.0';

/** @param {number} n @returns {number[]} */
function varint(n) {
  const bytes = [];
  while (n > 0x7f) {
    bytes.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  bytes.push(n);
  return bytes;
}

/** A length-delimited field. @param {number} number @param {Buffer} bytes */
function field(number, bytes) {
  return Buffer.concat([Buffer.from([(number << 3) | 2, ...varint(bytes.length)]), bytes]);
}

/**
 * A Payload as the Java SDK writes it: the type, the reported address, the headers, and the
 * object as JSON (a Buffer or string is sent as it is).
 * @param {string} type
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 * @param {string} [clientIp]
 */
export function encodePayload(type, body, headers = {}, clientIp = '') {
  const parts = [field(3, Buffer.from(type))];
  for (const [key, value] of Object.entries(headers)) parts.push(field(7, Buffer.concat([field(1, Buffer.from(key)), field(2, Buffer.from(value))])));
  if (clientIp) parts.push(field(8, Buffer.from(clientIp)));
  const json = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  return Buffer.concat([field(2, Buffer.concat(parts)), field(3, field(2, json))]);
}

/**
 * The fields of one message: [number, bytes] for length-delimited ones (others skipped).
 * Throws on bytes that are no protobuf message.
 * @param {Buffer} bytes
 * @returns {[number, Buffer][]}
 */
function fieldsOf(bytes) {
  /** @type {[number, Buffer][]} */
  const fields = [];
  let at = 0;
  const read = () => {
    let value = 0;
    let shift = 0;
    for (;;) {
      if (at >= bytes.length) throw new Error('truncated protobuf message');
      const byte = bytes[at++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
      shift += 7;
    }
  };
  while (at < bytes.length) {
    const tag = read();
    const wire = tag & 7;
    if (wire === 2) {
      const length = read();
      if (at + length > bytes.length) throw new Error('truncated protobuf field');
      fields.push([Math.floor(tag / 8), bytes.subarray(at, at + length)]);
      at += length;
    } else if (wire === 0) read();
    else if (wire === 1) at += 8;
    else if (wire === 5) at += 4;
    else throw new Error(`wire type ${wire} in a Payload`);
  }
  return fields;
}

/**
 * @typedef {{ type: string, clientIp: string, headers: Record<string, string>, body: Buffer }} Payload
 * @param {Buffer} bytes
 * @returns {Payload}
 */
export function decodePayload(bytes) {
  /** @type {Payload} */
  const payload = { type: '', clientIp: '', headers: {}, body: Buffer.alloc(0) };
  for (const [number, value] of fieldsOf(bytes)) {
    if (number === 2) {
      for (const [n, v] of fieldsOf(value)) {
        if (n === 3) payload.type = v.toString('utf8');
        else if (n === 8) payload.clientIp = v.toString('utf8');
        else if (n === 7) {
          const entry = Object.fromEntries(fieldsOf(v).map(([k, b]) => [k, b.toString('utf8')]));
          payload.headers[entry[1] ?? ''] = entry[2] ?? '';
        }
      }
    } else if (number === 3) {
      for (const [n, v] of fieldsOf(value)) if (n === 2) payload.body = v;
    }
  }
  return payload;
}

/**
 * Only `metadata.type`, read without decoding the rest: what a bare server needs to route a
 * request. Empty when the bytes do not start with the metadata.
 * @param {Buffer} bytes
 */
export function payloadType(bytes) {
  if (bytes[0] !== 0x12) return '';
  let at = 1;
  let length = 0;
  for (let shift = 0; at < bytes.length; shift += 7) {
    const byte = bytes[at++];
    length += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) break;
  }
  const end = Math.min(bytes.length, at + length);
  while (at < end) {
    const tag = bytes[at++];
    let size = 0;
    for (let shift = 0; at < end; shift += 7) {
      const byte = bytes[at++];
      size += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) break;
    }
    if (tag === 0x1a) return bytes.toString('utf8', at, at + size);
    if ((tag & 7) !== 2) return '';
    at += size;
  }
  return '';
}

/** A decoded payload's JSON object. @param {Payload} payload @returns {Record<string, any>} */
export function bodyOf(payload) {
  return JSON.parse(payload.body.toString('utf8'));
}

/** One gRPC message on the wire: uncompressed flag, 4-byte length, the bytes. @param {Buffer} message */
export function frame(message) {
  const head = Buffer.allocUnsafe(5);
  head[0] = 0;
  head.writeUInt32BE(message.length, 1);
  return Buffer.concat([head, message]);
}

/** Splits a stream of gRPC frames into messages, whatever chunks they arrive in. */
export class FrameReader {
  /** @type {Buffer} */
  pending = Buffer.alloc(0);

  /** @param {Buffer} chunk @returns {Buffer[]} the whole messages it completed */
  push(chunk) {
    let data = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const messages = [];
    while (data.length >= 5) {
      const length = data.readUInt32BE(1);
      if (data.length < 5 + length) break;
      messages.push(data.subarray(5, 5 + length));
      data = data.subarray(5 + length);
    }
    this.pending = data;
    return messages;
  }
}

const CALL_HEADERS = { ':method': 'POST', 'content-type': 'application/grpc', te: 'trailers' };
export const UNARY_HEADERS = { ...CALL_HEADERS, ':path': REQUEST_PATH };
const STREAM_HEADERS = { ...CALL_HEADERS, ':path': BI_STREAM_PATH };

/**
 * An HTTP/2 connection to a gRPC port, once connected.
 * @param {string} host
 * @param {number} port
 * @returns {Promise<import('node:http2').ClientHttp2Session>}
 */
export function connect(host, port) {
  return new Promise((resolve, reject) => {
    const session = http2.connect(`http://${host}:${port}`);
    const failed = (/** @type {Error} */ error) => {
      session.destroy();
      reject(error);
    };
    session.once('error', failed);
    session.once('connect', () => {
      session.off('error', failed);
      // Later errors end the session; callers see them on their calls.
      session.on('error', () => undefined);
      resolve(session);
    });
  });
}

/**
 * One unary call: resolves with the answer's message bytes; rejects when the call fails (a
 * gRPC status other than OK, a reset, no answer within `timeoutMs`).
 * @param {import('node:http2').ClientHttp2Session} session
 * @param {Buffer} payload the encoded Payload
 * @param {number} [timeoutMs]
 * @returns {Promise<Buffer>}
 */
export function unary(session, payload, timeoutMs = 10_000) {
  return new Promise((resolve, reject) => {
    const call = session.request(UNARY_HEADERS);
    /** @type {Buffer[]} */
    const chunks = [];
    let status = '';
    let message = '';
    const timer = setTimeout(() => call.close(http2.constants.NGHTTP2_CANCEL), timeoutMs);
    call.on('response', (headers) => {
      if (headers['grpc-status'] !== undefined) status = String(headers['grpc-status']);
    });
    call.on('trailers', (trailers) => {
      status = String(trailers['grpc-status'] ?? '');
      message = String(trailers['grpc-message'] ?? '');
    });
    call.on('data', (chunk) => chunks.push(chunk));
    call.on('error', () => undefined);
    call.on('close', () => {
      clearTimeout(timer);
      const [answer] = new FrameReader().push(Buffer.concat(chunks));
      if (status === '0' && answer) resolve(Buffer.from(answer));
      else reject(new Error(status ? `gRPC status ${status} ${decodeURIComponent(message)}` : `call closed without an answer (code ${call.rstCode})`));
    });
    call.end(frame(payload));
  });
}

/**
 * The reply a client sends on the stream for a server request: the matching response type,
 * success, the same requestId (metadata carries only the type, as the Java client writes it).
 * @param {string} requestType
 * @param {unknown} requestId
 */
export function pushAnswer(requestType, requestId) {
  return frame(encodePayload(requestType.replace(/Request$/, 'Response'), { resultCode: 200, errorCode: 0, requestId, success: true }));
}

/** The first request of a connection. @param {string} clientIp */
export function serverCheckRequest(clientIp) {
  return encodePayload('ServerCheckRequest', { headers: {}, module: 'internal' }, {}, clientIp);
}

/**
 * The first message on the bi-stream, with the labels the SDK's config or naming client sets.
 * @param {'config' | 'naming'} module
 * @param {string} clientIp
 */
export function connectionSetupRequest(module, clientIp) {
  const labels = { source: 'sdk', module, ...(module === 'config' ? { AppName: 'unknown', taskId: '0' } : {}), 'tls.enable': 'false' };
  return encodePayload('ConnectionSetupRequest', { headers: {}, clientVersion: CLIENT_VERSION, labels, abilityTable: {}, module: 'internal' }, {}, clientIp);
}

/**
 * The SDK's connection set-up on a session: ServerCheckRequest, then the bi-stream opened with
 * ConnectionSetupRequest, then the server's SetupAckRequest awaited. Every later server request
 * goes to `onPush` (with the bytes as they came) and, unless it returns false, is answered with
 * its response, as the SDK answers them (SetupAckRequest is not answered, as the Java client
 * does not).
 * @param {import('node:http2').ClientHttp2Session} session
 * @param {{ module: 'config' | 'naming', clientIp?: string, timeoutMs?: number, onPush?: (payload: Payload, bytes: Buffer, body: Record<string, any>) => boolean | void }} options
 * @returns {Promise<{ connectionId: string, stream: import('node:http2').ClientHttp2Stream, serverCheck: Buffer, setupAck: Buffer }>}
 */
export async function handshake(session, options) {
  const clientIp = options.clientIp ?? '127.0.0.1';
  const timeoutMs = options.timeoutMs ?? 10_000;
  const serverCheck = await unary(session, serverCheckRequest(clientIp), timeoutMs);
  const check = decodePayload(serverCheck);
  if (check.type !== 'ServerCheckResponse') throw new Error(`ServerCheckRequest answered ${check.type}: ${check.body.toString('utf8').slice(0, 200)}`);
  const { connectionId } = bodyOf(check);
  const stream = session.request(STREAM_HEADERS);
  const reader = new FrameReader();
  /** @type {(bytes: Buffer) => void} */
  let acked = () => undefined;
  const ack = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no SetupAckRequest within ${timeoutMs} ms`)), timeoutMs);
    stream.once('close', () => reject(new Error('stream closed before SetupAckRequest')));
    acked = (bytes) => {
      clearTimeout(timer);
      resolve(bytes);
    };
  });
  stream.on('error', () => undefined);
  stream.on('data', (/** @type {Buffer} */ chunk) => {
    for (const bytes of reader.push(chunk)) {
      const payload = decodePayload(bytes);
      if (payload.type === 'SetupAckRequest') {
        acked(Buffer.from(bytes));
        continue;
      }
      const body = bodyOf(payload);
      if (options.onPush?.(payload, bytes, body) === false) continue;
      if (!stream.destroyed && payload.type.endsWith('Request')) stream.write(pushAnswer(payload.type, body.requestId));
    }
  });
  stream.write(frame(connectionSetupRequest(options.module, clientIp)));
  const setupAck = /** @type {Buffer} */ (await ack);
  return { connectionId, stream, serverCheck, setupAck };
}

/**
 * The metadata headers of a request as the SDK sends them: the config client's app and request
 * token headers or the naming client's app header, and the access token.
 * @param {'config' | 'naming'} module
 * @param {string} accessToken
 * @returns {Record<string, string>}
 */
export function requestHeaders(module, accessToken) {
  if (module === 'naming') return { app: 'unknown', accessToken };
  const ts = String(Date.now());
  return { 'Client-AppName': 'unknown', 'Client-RequestTS': ts, 'Client-RequestToken': createHash('md5').update(ts).digest('hex'), exConfigInfo: 'true', charset: 'UTF-8', accessToken };
}

/**
 * A request Payload as the SDK builds it: the (cleared) headers map, the fields, the module.
 * @param {string} type
 * @param {Record<string, unknown>} fields
 * @param {'config' | 'naming'} module
 * @param {string} accessToken
 */
export function requestPayload(type, fields, module, accessToken) {
  return encodePayload(type, { headers: {}, ...fields, module }, requestHeaders(module, accessToken), '127.0.0.1');
}

/**
 * A Nacos answer's type and JSON body; throws with the answer when it is not a success of the
 * expected type.
 * @param {Buffer} bytes
 * @param {string} expectedType
 */
export function successOf(bytes, expectedType) {
  const payload = decodePayload(bytes);
  const body = bodyOf(payload);
  if (payload.type !== expectedType || body.resultCode !== 200) throw new Error(`answered ${payload.type} ${payload.body.toString('utf8').slice(0, 300)}, expected a successful ${expectedType}`);
  return body;
}
