import { Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, WebSocketServer, type OnGatewayDisconnect, type OnGatewayInit } from '@nestjs/websockets';
import { AuthService } from '../auth/auth.service';
import {
  REALTIME_PATH,
  REALTIME_RULES,
  topicRoom,
  type ClientToServerEvents,
  type RealtimeHandshakeAuth,
  type RealtimeTopic,
  type ServerToClientEvents,
  type SubscribeAck,
  type UnsubscribeAck,
} from '@switchboard/shared';
import type { Server, Socket } from 'socket.io';
import { RealtimeTopicsRegistry, type RealtimeClient } from './realtime-topics.registry';
import { canAccess, type Principal } from '../identity/principal';
import { actorFor, type Actor } from '../identity/actor';
import { plainIp } from '../common/http/client-ip';

type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents>;
type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

function badTopic(topic: unknown): SubscribeAck & { ok: false } {
  return {
    ok: false,
    error: { code: 'TOPIC_NOT_FOUND', message: `topic: unknown topic ${JSON.stringify(topic)}`, details: [{ field: 'topic.kind', rule: 'enum', message: 'unknown topic kind' }] },
  };
}

function tooManyTopics(): SubscribeAck & { ok: false } {
  const message = `must be at most ${REALTIME_RULES.maxTopicsPerConnection} subscriptions on one connection; unsubscribe from others first`;
  return { ok: false, error: { code: 'VALIDATION_FAILED', message: `topic: ${message}`, details: [{ field: 'topic', rule: 'maxItems', message }] } };
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 256;

// The fields each topic kind needs, checked before any room is joined.
function isWellFormed(topic: unknown): topic is RealtimeTopic {
  if (!topic || typeof topic !== 'object') return false;
  const t = topic as Record<string, unknown>;
  switch (t.kind) {
    case 'namespaces':
    case 'overview':
      return true;
    case 'services':
    case 'change-requests':
      return isText(t.namespaceId);
    case 'service':
      return isText(t.namespaceId) && isText(t.groupName) && isText(t.serviceName);
    case 'config':
    case 'canary':
      return isText(t.namespaceId) && isText(t.group) && isText(t.dataId);
    default:
      return false;
  }
}

function joinedTopics(socket: RealtimeSocket): Map<string, RealtimeTopic> {
  const data = socket.data as { topics?: Map<string, RealtimeTopic> };
  return (data.topics ??= new Map());
}

interface SocketData {
  principal: Principal;
  identity?: string;
  labels?: string[];
}

export function clientOf(socket: Socket): RealtimeClient {
  const data = socket.data as SocketData;
  const ip = plainIp(socket.handshake.address);
  return { id: socket.id, ip, identity: data.identity ?? ip, labels: data.labels ?? [], principal: data.principal };
}

const LABEL = /^[A-Za-z0-9_.:-]{1,64}$/;

// The identity and labels a client declares in the handshake; a message naming the field when
// they break the rules.
function declaredIdentity(auth: RealtimeHandshakeAuth): { identity?: string; labels?: string[]; error?: string } {
  const { clientId, labels } = auth;
  if (clientId !== undefined && (typeof clientId !== 'string' || clientId.length < 1 || clientId.length > 128)) return { error: 'clientId: must be text of 1 to 128 characters' };
  if (labels !== undefined && (!Array.isArray(labels) || labels.length > 16 || !labels.every((l) => typeof l === 'string' && LABEL.test(l)))) {
    return { error: 'labels: must be at most 16 labels of letters, digits, "_", ".", ":" and "-" (1 to 64 characters)' };
  }
  return { identity: clientId, labels };
}

export function principalOf(socket: Socket): Principal {
  return (socket.data as { principal: Principal }).principal;
}

// The actor of a change made over the connection: its signed-in user and address.
export function actorOfSocket(socket: Socket): Actor {
  return actorFor(principalOf(socket), plainIp(socket.handshake.address));
}

// The namespace a topic reads from; undefined for the namespaces and overview topics (filtered
// per client).
function topicNamespace(topic: RealtimeTopic): string | undefined {
  return topic.kind === 'namespaces' || topic.kind === 'overview' ? undefined : topic.namespaceId;
}

// socket.io on the HTTP server's port. A client subscribes to a topic, receives the snapshot in
// the acknowledgement, then deltas; push listeners call emitToTopic after domain events.
@WebSocketGateway({ path: REALTIME_PATH, serveClient: false })
export class RealtimeGateway implements OnGatewayInit, OnGatewayDisconnect {
  private readonly logger = new Logger(RealtimeGateway.name);

  @WebSocketServer()
  private readonly server: RealtimeServer;

  constructor(
    private readonly topics: RealtimeTopicsRegistry,
    private readonly auth: AuthService,
  ) {}

  // A connection must carry a token (handshake auth.token, or accessToken in the query), checked
  // by the same service as HTTP requests; without one it is refused.
  afterInit(server: RealtimeServer): void {
    server.use((socket, next) => {
      const handshake = socket.handshake;
      const auth = (handshake.auth ?? {}) as RealtimeHandshakeAuth;
      const token = auth.token ?? handshake.query.accessToken;
      const declared = declaredIdentity(auth);
      if (declared.error) return next(new Error(`VALIDATION_FAILED ${declared.error}`));
      this.auth
        .authenticate({ bearer: typeof token === 'string' && token ? token : undefined, address: plainIp(handshake.address) })
        .then((principal) => {
          if (!principal) return next(new Error('UNAUTHENTICATED'));
          Object.assign(socket.data as SocketData, { principal, identity: declared.identity, labels: declared.labels });
          next();
        })
        .catch(() => next(new Error('UNAUTHENTICATED')));
    });
  }

  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() topic: RealtimeTopic): Promise<SubscribeAck> {
    const provider = isWellFormed(topic) ? this.topics.provider(topic.kind) : undefined;
    if (!provider) return badTopic(topic);
    const namespaceId = topicNamespace(topic);
    if (namespaceId !== undefined && !canAccess(principalOf(socket), namespaceId, 'read')) {
      return { ok: false, error: { code: 'FORBIDDEN', message: `forbidden: read access to namespace "${namespaceId}" is required` } };
    }
    const room = topicRoom(topic);
    const joined = joinedTopics(socket);
    if (joined.size >= REALTIME_RULES.maxTopicsPerConnection && !joined.has(room)) return tooManyTopics();
    await socket.join(room);
    joined.set(room, topic);
    return { ok: true, topic, snapshot: provider.snapshot(topic, clientOf(socket)) };
  }

  @SubscribeMessage('unsubscribe')
  async unsubscribe(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() topic: RealtimeTopic): Promise<UnsubscribeAck> {
    if (!isWellFormed(topic) || !this.topics.provider(topic.kind)) return badTopic(topic);
    const room = topicRoom(topic);
    await socket.leave(room);
    if (joinedTopics(socket).delete(room)) this.topics.provider(topic.kind)?.onLeave?.(topic, clientOf(socket));
    return { ok: true };
  }

  handleDisconnect(socket: RealtimeSocket): void {
    for (const topic of joinedTopics(socket).values()) this.topics.provider(topic.kind)?.onLeave?.(topic, clientOf(socket));
    joinedTopics(socket).clear();
  }

  // Lets push listeners skip building a payload nobody would receive (changes are frequent;
  // subscribers of one topic are few).
  hasSubscribers(topic: RealtimeTopic): boolean {
    return (this.server?.sockets.adapter.rooms.get(topicRoom(topic))?.size ?? 0) > 0;
  }

  // Every subscriber of a topic, with a way to send to it alone (answers that differ per client).
  forEachSubscriber(topic: RealtimeTopic, visit: (client: RealtimeClient, socket: RealtimeSocket) => void): void {
    const room = this.server?.sockets.adapter.rooms.get(topicRoom(topic));
    if (!room) return;
    for (const id of room) {
      const socket = this.server.sockets.sockets.get(id);
      if (socket) visit(clientOf(socket), socket);
    }
  }

  // Like emitToTopic, but only to subscribers this predicate admits (namespace-filtered topics).
  emitToTopicWhere<E extends keyof ServerToClientEvents>(topic: RealtimeTopic, admit: (principal: Principal) => boolean, event: E, ...args: Parameters<ServerToClientEvents[E]>): void {
    const room = this.server?.sockets.adapter.rooms.get(topicRoom(topic));
    if (!room) return;
    for (const id of room) {
      const socket = this.server.sockets.sockets.get(id);
      if (socket && admit(principalOf(socket))) socket.emit(event, ...args);
    }
  }

  emitToTopic<E extends keyof ServerToClientEvents>(topic: RealtimeTopic, event: E, ...args: Parameters<ServerToClientEvents[E]>): void {
    if (!this.server) {
      this.logger.warn(`socket server not ready; dropped ${event}`);
      return;
    }
    this.server.to(topicRoom(topic)).emit(event, ...args);
  }

  connectedClients(): number {
    return this.server?.engine?.clientsCount ?? 0;
  }
}
