import * as protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { decodePayload, encodePayload, MalformedPayloadError } from './nacos-payload';

// The SDKs' proto, read by protobufjs: the codec must read what it writes and write what it reads.
const root = protobuf.parse(`
  syntax = "proto3";
  message Metadata { string type = 3; string clientIp = 8; map<string, string> headers = 7; }
  message Any { string type_url = 1; bytes value = 2; }
  message Payload { Metadata metadata = 2; Any body = 3; }
`).root;
const Payload = root.lookupType('Payload');

describe('the Nacos gRPC payload codec', () => {
  it('should read a payload written by protobuf, headers, unicode and large bodies included', () => {
    const body = Buffer.from(JSON.stringify({ dataId: '名字🚀', content: 'x'.repeat(300_000) }));
    const bytes = Buffer.from(Payload.encode({ metadata: { type: 'ConfigQueryRequest', clientIp: '10.0.0.1', headers: { accessToken: 'abc', app: 'shop' } }, body: { type_url: 'ignored', value: body } }).finish());
    const decoded = decodePayload(bytes);
    expect(decoded.type).toBe('ConfigQueryRequest');
    expect(decoded.clientIp).toBe('10.0.0.1');
    expect(decoded.headers).toEqual({ accessToken: 'abc', app: 'shop' });
    expect(decoded.body.equals(body)).toBe(true);
  });

  it('should write a payload protobuf reads back, from text and byte parts', () => {
    const bytes = encodePayload('ConfigQueryResponse', ['{"content":', Buffer.from('"名字"'), ',"md5":"x"}'], '127.0.0.1');
    const decoded = Payload.decode(bytes) as unknown as { metadata: { type: string; clientIp: string }; body: { value: Uint8Array } };
    expect(decoded.metadata.type).toBe('ConfigQueryResponse');
    expect(decoded.metadata.clientIp).toBe('127.0.0.1');
    expect(JSON.parse(Buffer.from(decoded.body.value).toString())).toEqual({ content: '名字', md5: 'x' });
    expect(decodePayload(encodePayload('HealthCheckResponse', '')).type).toBe('HealthCheckResponse');
  });

  it('should skip fields it does not know and refuse bytes that are not a message', () => {
    const known = Buffer.from(Payload.encode({ metadata: { type: 'X' } }).finish());
    const withUnknown = Buffer.concat([Buffer.from([0x08, 0x96, 0x01, 0x25, 1, 2, 3, 4]), known]); // a varint and a fixed32 field
    expect(decodePayload(withUnknown).type).toBe('X');
    expect(() => decodePayload(Buffer.from([0x12, 0x05, 0x1a]))).toThrow(MalformedPayloadError);
    expect(() => decodePayload(Buffer.from([0x0b]))).toThrow(MalformedPayloadError); // a group
    expect(() => decodePayload(Buffer.from([0x08, 0xff, 0xff]))).toThrow(MalformedPayloadError);
  });
});
