// The envelope of the Nacos gRPC protocol (the SDKs' nacos_grpc_service.proto, no package):
//   Metadata { string type = 3; map<string,string> headers = 7; string clientIp = 8; }
//   Payload  { Metadata metadata = 2; google.protobuf.Any body = 3; }   Any { type_url = 1; value = 2 }
// `metadata.type` names the request or response class (`ConfigQueryRequest`), `body.value` is
// that object as JSON bytes (null fields left out), and a request's headers travel in
// `metadata.headers`. Three small messages of strings and bytes: read and written here directly
// (every request and push passes through them), unknown fields skipped as protobuf requires.

export interface NacosPayload {
  type: string;
  clientIp: string;
  headers: Record<string, string>;
  body: Buffer; // JSON bytes (a view into the message)
}

export class MalformedPayloadError extends Error {}

// Reads the fields of one message between `start` and `end`, calling `field` with each
// length-delimited field's number and bounds; other wire types are skipped.
function readFields(bytes: Buffer, start: number, end: number, field: (number: number, from: number, to: number) => void): void {
  let at = start;
  const varint = (): number => {
    let value = 0;
    let shift = 0;
    for (;;) {
      if (at >= end) throw new MalformedPayloadError('truncated varint');
      const byte = bytes[at++];
      if (shift < 28) value |= (byte & 0x7f) << shift;
      else value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
      shift += 7;
      if (shift > 63) throw new MalformedPayloadError('varint too long');
    }
  };
  while (at < end) {
    const tag = varint();
    const number = Math.floor(tag / 8);
    switch (tag & 7) {
      case 0:
        varint();
        break;
      case 1:
        at += 8;
        break;
      case 2: {
        const length = varint();
        const to = at + length;
        if (to > end) throw new MalformedPayloadError('field runs past the message');
        field(number, at, to);
        at = to;
        break;
      }
      case 5:
        at += 4;
        break;
      default:
        throw new MalformedPayloadError(`wire type ${tag & 7} is not used by this protocol`);
    }
    if (at > end) throw new MalformedPayloadError('field runs past the message');
  }
}

// Throws MalformedPayloadError on bytes that are not a Payload.
export function decodePayload(bytes: Buffer): NacosPayload {
  const payload: NacosPayload = { type: '', clientIp: '', headers: {}, body: EMPTY };
  readFields(bytes, 0, bytes.length, (number, from, to) => {
    if (number === 2) {
      readFields(bytes, from, to, (inner, a, b) => {
        if (inner === 3) payload.type = bytes.toString('utf8', a, b);
        else if (inner === 8) payload.clientIp = bytes.toString('utf8', a, b);
        else if (inner === 7) {
          let key = '';
          let value = '';
          readFields(bytes, a, b, (entry, c, d) => {
            if (entry === 1) key = bytes.toString('utf8', c, d);
            else if (entry === 2) value = bytes.toString('utf8', c, d);
          });
          payload.headers[key] = value;
        }
      });
    } else if (number === 3) {
      readFields(bytes, from, to, (inner, a, b) => {
        if (inner === 2) payload.body = bytes.subarray(a, b);
      });
    }
  });
  return payload;
}

const EMPTY = Buffer.alloc(0);

function varintLength(value: number): number {
  let length = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 128);
    length++;
  }
  return length;
}

function writeVarint(target: Buffer, at: number, value: number): number {
  while (value >= 0x80) {
    target[at++] = (value & 0x7f) | 0x80;
    value = Math.floor(value / 128);
  }
  target[at++] = value;
  return at;
}

// A body given in parts (JSON text and bytes already serialised), written one after the other.
export type BodyParts = readonly (string | Buffer)[];

// A Payload of this type (and reporting address) around the body's parts, in one buffer.
export function encodePayload(type: string, body: string | Buffer | BodyParts, clientIp = ''): Buffer {
  const parts: BodyParts = typeof body === 'string' || Buffer.isBuffer(body) ? [body] : body;
  let bodyLength = 0;
  for (const part of parts) bodyLength += typeof part === 'string' ? Buffer.byteLength(part) : part.length;
  const typeLength = Buffer.byteLength(type);
  const ipLength = Buffer.byteLength(clientIp);
  const metadataLength = 1 + varintLength(typeLength) + typeLength + (ipLength ? 1 + varintLength(ipLength) + ipLength : 0);
  const anyLength = bodyLength ? 1 + varintLength(bodyLength) + bodyLength : 0;
  const total = 1 + varintLength(metadataLength) + metadataLength + 1 + varintLength(anyLength) + anyLength;
  const out = Buffer.allocUnsafe(total);
  let at = 0;
  out[at++] = 0x12; // Payload.metadata
  at = writeVarint(out, at, metadataLength);
  out[at++] = 0x1a; // Metadata.type
  at = writeVarint(out, at, typeLength);
  at += out.write(type, at);
  if (ipLength) {
    out[at++] = 0x42; // Metadata.clientIp
    at = writeVarint(out, at, ipLength);
    at += out.write(clientIp, at);
  }
  out[at++] = 0x1a; // Payload.body
  at = writeVarint(out, at, anyLength);
  if (bodyLength) {
    out[at++] = 0x12; // Any.value
    at = writeVarint(out, at, bodyLength);
    for (const part of parts) at += typeof part === 'string' ? out.write(part, at) : part.copy(out, at);
  }
  return out;
}
