// Nacos v2 envelope (api/model/v2/Result) and the v1 console RestResult.
export interface NacosV2Result<T> {
  code: number;
  message: string;
  data: T;
}

export function nacosSuccess<T>(data: T): NacosV2Result<T> {
  return { code: 0, message: 'success', data };
}

export interface NacosRestResult<T> {
  code: number;
  message: string | null;
  data: T;
}

export function nacosRestResult<T>(data: T, message: string | null = null): NacosRestResult<T> {
  return { code: 200, message, data };
}

const SUCCESS_HEAD = Buffer.from('{"code":0,"message":"success","data":');
const SUCCESS_TAIL = Buffer.from('}');

// The v2 envelope around data already serialised as JSON (cached answers are kept as bytes).
export function nacosSuccessJson(data: Buffer): Buffer {
  return Buffer.concat([SUCCESS_HEAD, data, SUCCESS_TAIL]);
}
