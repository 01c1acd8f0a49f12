import { Injectable } from '@nestjs/common';
import type { Actor } from '../identity/actor';
import type { AccessRequirement } from '../identity/access';
import type { Principal } from '../identity/principal';
import type { GrpcConnection } from './grpc-connection';
import type { BodyParts } from './nacos-payload';

// What a handler knows of the request besides its body.
export interface GrpcRequestContext {
  connection: GrpcConnection;
  principal: Principal | undefined; // undefined only for public requests
  actor: Actor;
  clientIp: string;
  headers: Record<string, string>;
}

// One Nacos request type: who may send it (checked on the body's fields, as HTTP routes check
// their parameters: `tenant`, `namespace`), the response class it answers with (also when it
// fails), and what it does. A handler returns the response's own fields; the transport adds
// resultCode, requestId and the rest, and turns a DomainError into the error fields.
export interface GrpcHandler<Body = Record<string, unknown>> {
  access: AccessRequirement;
  responseType: string;
  handle(body: Body, context: GrpcRequestContext): GrpcFields | Promise<GrpcFields>;
}

// The request types the gRPC transport serves; each area registers its own (naming, config),
// as areas register their socket.io topics.
@Injectable()
export class GrpcHandlers {
  private readonly handlers = new Map<string, GrpcHandler>();

  register<Body = Record<string, unknown>>(type: string, handler: GrpcHandler<Body>): void {
    if (this.handlers.has(type)) throw new Error(`gRPC request type ${type} is registered twice`);
    this.handlers.set(type, handler as unknown as GrpcHandler);
  }

  get(type: string): GrpcHandler | undefined {
    return this.handlers.get(type);
  }

  types(): string[] {
    return [...this.handlers.keys()];
  }
}

// A response field whose JSON is already serialised (a cached ServiceInfo): written as is.
export class RawJson {
  constructor(readonly bytes: Buffer) {}
}

// A response's own fields already serialised, as `"name":value,...` without braces (a config
// answer rendered once per stored version): written as is.
export class JsonFields {
  constructor(readonly parts: BodyParts) {}
}

// What a handler answers: the response's own fields, as an object (RawJson values spliced in)
// or already serialised.
export type GrpcFields = Record<string, unknown> | JsonFields;

const NO_PARTS: BodyParts = [];

// The fields as `"name":value,...` parts (none for no field).
export function fieldParts(fields: GrpcFields): BodyParts {
  if (fields instanceof JsonFields) return fields.parts;
  let raw = false;
  for (const name in fields) if (fields[name] instanceof RawJson) raw = true;
  if (!raw) {
    const json = JSON.stringify(fields);
    return json.length > 2 ? [json.slice(1, -1)] : NO_PARTS;
  }
  const parts: (string | Buffer)[] = [];
  const plain: Record<string, unknown> = {};
  for (const name in fields) {
    const value = fields[name];
    if (value instanceof RawJson) parts.push(`${parts.length ? ',' : ''}${JSON.stringify(name)}:`, value.bytes);
    else plain[name] = value;
  }
  const json = JSON.stringify(plain);
  if (json.length > 2) parts.push(`${parts.length ? ',' : ''}${json.slice(1, -1)}`);
  return parts;
}

const idPair = (requestId: unknown): string => (typeof requestId === 'string' ? `"requestId":${JSON.stringify(requestId)},` : '');

// A success response: the handler's fields, then the protocol's.
export function okBody(requestId: unknown, fields: GrpcFields): BodyParts {
  const parts = fieldParts(fields);
  const tail = `${parts.length ? ',' : ''}"resultCode":200,"errorCode":0,${idPair(requestId)}"success":true}`;
  return parts.length ? ['{', ...parts, tail] : ['{', tail];
}

// A failed response: resultCode 500, the Nacos error code and the message.
export function errorBody(requestId: unknown, errorCode: number, message: string): string {
  return `{"resultCode":500,"errorCode":${errorCode},"message":${JSON.stringify(message)},${idPair(requestId)}"success":false}`;
}

// The start of a push's body, up to its requestId, per serialised fields: a push to many
// connections differs only in its requestId (our own counter: digits, nothing to escape).
const pushHeads = new WeakMap<JsonFields, Buffer>();

function pushHead(fields: GrpcFields): Buffer {
  const cached = fields instanceof JsonFields ? pushHeads.get(fields) : undefined;
  if (cached) return cached;
  const parts = fieldParts(fields);
  const head = Buffer.concat([Buffer.from('{'), ...parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)), Buffer.from(`${parts.length ? ',' : ''}"headers":{},"requestId":"`)]);
  if (fields instanceof JsonFields) pushHeads.set(fields, head);
  return head;
}

// A server request (a push): its fields, then the protocol's.
export function pushBody(fields: GrpcFields, requestId: string): BodyParts {
  return [pushHead(fields), requestId, '"}'];
}
