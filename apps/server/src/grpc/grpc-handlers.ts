import { Injectable } from '@nestjs/common';
import type { Actor } from '../identity/actor';
import type { AccessRequirement } from '../identity/access';
import type { Principal } from '../identity/principal';
import type { GrpcConnection } from './grpc-connection';

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
  handle(body: Body, context: GrpcRequestContext): Record<string, unknown> | Promise<Record<string, unknown>>;
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

// A response body as JSON bytes, raw fields spliced in after the others.
export function responseJson(fields: Record<string, unknown>): Buffer {
  let raws: [string, RawJson][] | undefined;
  let plain = fields;
  for (const [name, value] of Object.entries(fields)) {
    if (!(value instanceof RawJson)) continue;
    if (!raws) {
      raws = [];
      plain = { ...fields };
    }
    raws.push([name, value]);
    delete plain[name];
  }
  const json = JSON.stringify(plain);
  if (!raws) return Buffer.from(json);
  const parts: Buffer[] = [Buffer.from(json.slice(0, -1))];
  let comma = json.length > 2; // "{}" has no field to follow
  for (const [name, raw] of raws) {
    parts.push(Buffer.from(`${comma ? ',' : ''}${JSON.stringify(name)}:`), raw.bytes);
    comma = true;
  }
  parts.push(Buffer.from('}'));
  return Buffer.concat(parts);
}
