import { describe, expect, it } from 'vitest';
import { canaryTagsOf } from './grpc-connection';
import { RawJson, responseJson } from './grpc-handlers';

describe('canaryTagsOf', () => {
  it('should take Vipserver-Tag values and app labels, and none of the SDK bookkeeping labels', () => {
    const labels = { source: 'sdk', module: 'config', taskId: '0', 'tls.enable': 'false', AppName: 'shop', 'Vipserver-Tag': 'canary, blue', app_region: 'eu' };
    expect(canaryTagsOf(labels).sort()).toEqual(['blue', 'canary', 'eu', 'region:eu']);
  });

  it('should skip values that are not tags', () => {
    expect(canaryTagsOf({ 'Vipserver-Tag': 'has space', app_x: '' })).toEqual([]);
  });
});

describe('responseJson', () => {
  it('should splice raw JSON fields in after the others', () => {
    const bytes = responseJson({ a: 1, serviceInfo: new RawJson(Buffer.from('{"hosts":[]}')), b: 'x' });
    expect(JSON.parse(bytes.toString())).toEqual({ a: 1, b: 'x', serviceInfo: { hosts: [] } });
  });

  it('should write a body of raw fields only, and a plain one as JSON', () => {
    expect(JSON.parse(responseJson({ s: new RawJson(Buffer.from('[1]')), t: new RawJson(Buffer.from('2')) }).toString())).toEqual({ s: [1], t: 2 });
    expect(responseJson({ a: null }).toString()).toBe('{"a":null}');
  });
});
