import { describe, expect, it } from 'vitest';
import { canaryTagsOf } from './grpc-connection';
import { errorBody, JsonFields, okBody, pushBody, RawJson } from './grpc-handlers';

describe('canaryTagsOf', () => {
  it('should take Vipserver-Tag values and app labels, and none of the SDK bookkeeping labels', () => {
    const labels = { source: 'sdk', module: 'config', taskId: '0', 'tls.enable': 'false', AppName: 'shop', 'Vipserver-Tag': 'canary, blue', app_region: 'eu' };
    expect(canaryTagsOf(labels).sort()).toEqual(['blue', 'canary', 'eu', 'region:eu']);
  });

  it('should skip values that are not tags', () => {
    expect(canaryTagsOf({ 'Vipserver-Tag': 'has space', app_x: '' })).toEqual([]);
  });
});

const json = (parts: readonly (string | Buffer)[] | string) => JSON.parse(typeof parts === 'string' ? parts : Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))).toString());

describe('response bodies', () => {
  it('should splice raw JSON fields in beside the others, then the protocol fields', () => {
    const body = okBody('7', { a: 1, serviceInfo: new RawJson(Buffer.from('{"hosts":[]}')), b: 'x' });
    expect(json(body)).toEqual({ a: 1, b: 'x', serviceInfo: { hosts: [] }, resultCode: 200, errorCode: 0, requestId: '7', success: true });
  });

  it('should write bodies of raw fields only, of serialised fields, and of no field', () => {
    expect(json(okBody(undefined, { s: new RawJson(Buffer.from('[1]')), t: new RawJson(Buffer.from('2')) }))).toEqual({ s: [1], t: 2, resultCode: 200, errorCode: 0, success: true });
    expect(json(okBody('1', new JsonFields(['"a":', Buffer.from('"名字"')])))).toMatchObject({ a: '名字', requestId: '1' });
    expect(json(okBody('1', {}))).toEqual({ resultCode: 200, errorCode: 0, requestId: '1', success: true });
    expect(json(pushBody({ dataId: 'd' }, '9'))).toEqual({ dataId: 'd', headers: {}, requestId: '9' });
  });

  it('should write an error with its code and message', () => {
    expect(json(errorBody('2', 403, 'access "denied"'))).toEqual({ resultCode: 500, errorCode: 403, message: 'access "denied"', requestId: '2', success: false });
  });
});
