// The envelope of the Nacos gRPC protocol (the SDKs' nacos_grpc_service.proto, no package):
//   Metadata { string type = 3; map<string,string> headers = 7; string clientIp = 8; }
//   Payload  { Metadata metadata = 2; google.protobuf.Any body = 3; }
// `metadata.type` names the request or response class (`ConfigQueryRequest`), `body.value` is
// that object as JSON bytes (null fields left out), and a request's headers travel in
// `metadata.headers`. `Any` is declared here with the same field numbers (type_url = 1,
// value = 2): the bytes on the wire are the same.
import * as protobuf from 'protobufjs';

const root = protobuf.Root.fromJSON({
  nested: {
    Metadata: {
      fields: {
        type: { type: 'string', id: 3 },
        headers: { keyType: 'string', type: 'string', id: 7 } as protobuf.IField,
        clientIp: { type: 'string', id: 8 },
      },
    },
    Any: { fields: { type_url: { type: 'string', id: 1 }, value: { type: 'bytes', id: 2 } } },
    Payload: { fields: { metadata: { type: 'Metadata', id: 2 }, body: { type: 'Any', id: 3 } } },
  },
});
const PayloadType = root.lookupType('Payload');

export interface NacosPayload {
  type: string;
  clientIp: string;
  headers: Record<string, string>;
  body: Buffer; // JSON bytes
}

interface DecodedPayload {
  metadata?: { type?: string; clientIp?: string; headers?: Record<string, string> };
  body?: { value?: Uint8Array };
}

// Throws on bytes that are not a Payload.
export function decodePayload(bytes: Buffer): NacosPayload {
  const decoded = PayloadType.decode(bytes) as unknown as DecodedPayload;
  const value = decoded.body?.value;
  return {
    type: decoded.metadata?.type ?? '',
    clientIp: decoded.metadata?.clientIp ?? '',
    headers: decoded.metadata?.headers ?? {},
    body: value ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : Buffer.alloc(0),
  };
}

export function encodePayload(type: string, body: Buffer | string, clientIp = ''): Buffer {
  const value = typeof body === 'string' ? Buffer.from(body) : body;
  const bytes = PayloadType.encode({ metadata: { type, clientIp, headers: {} }, body: { value } }).finish();
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
