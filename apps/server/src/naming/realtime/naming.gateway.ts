import { Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, type OnGatewayDisconnect } from '@nestjs/websockets';
import {
  REALTIME_PATH,
  type FieldViolation,
  type SocketDeregisterAck,
  type SocketDeregisterRequest,
  type SocketRegisterAck,
  type SocketRegisterRequest,
} from '@switchboard/shared';
import type { Socket } from 'socket.io';
import { fieldViolation, validationFailed } from '../../common/errors/domain-error';
import { ackError } from '../../realtime/ack-error';
import { actorOfSocket, principalOf } from '../../realtime/realtime.gateway';
import { presentInstance } from '../http/naming.presenter';
import { InstanceRegistrationService } from '../instance-registration.service';
import { requireAccess } from '../../auth/access-checks';

function requireService(request: { service?: unknown } | undefined): SocketRegisterRequest['service'] {
  const s = request?.service as Record<string, unknown> | undefined;
  if (!s || typeof s.namespaceId !== 'string' || typeof s.groupName !== 'string' || typeof s.serviceName !== 'string') {
    throw validationFailed([fieldViolation('service', 'required', 'must be {namespaceId, groupName, serviceName}')]);
  }
  return { namespaceId: s.namespaceId, groupName: s.groupName, serviceName: s.serviceName };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

// The instance of a socket.io message, checked for the types of its fields (the registry's rules
// check their values): messages are not typed by a request body schema, as HTTP bodies are.
function requireInstance(request: { instance?: unknown } | undefined, register: boolean): SocketRegisterRequest['instance'] {
  const instance = request?.instance ?? (register ? undefined : null);
  if (!isObject(instance)) throw validationFailed([fieldViolation('instance', 'required', register ? 'must be {ip, port, ...}' : 'must be {clusterName, ip, port}')]);
  const violations: FieldViolation[] = [];
  const types: Record<string, 'string' | 'number' | 'boolean'> = { ip: 'string', port: 'number', clusterName: 'string', weight: 'number', enabled: 'boolean', healthy: 'boolean', ephemeral: 'boolean' };
  for (const [field, type] of Object.entries(types)) {
    if (instance[field] !== undefined && typeof instance[field] !== type) violations.push(fieldViolation(`instance.${field}`, 'type', `must be a ${type === 'string' ? 'text' : type}`));
  }
  if (instance.metadata !== undefined && !isObject(instance.metadata)) violations.push(fieldViolation('instance.metadata', 'type', 'must be an object of text values'));
  if (instance.tags !== undefined && (!Array.isArray(instance.tags) || !instance.tags.every((t) => typeof t === 'string'))) violations.push(fieldViolation('instance.tags', 'type', 'must be a list of text'));
  if (violations.length) throw validationFailed(violations);
  return instance as unknown as SocketRegisterRequest['instance'];
}

// Registration over socket.io: the instance is kept alive by the connection that registered it
// (no heartbeats) and removed when that connection closes.
@WebSocketGateway({ path: REALTIME_PATH, serveClient: false })
export class NamingGateway implements OnGatewayDisconnect {
  private readonly logger = new Logger(NamingGateway.name);

  constructor(private readonly registration: InstanceRegistrationService) {}

  @SubscribeMessage('instance.register')
  async register(@ConnectedSocket() socket: Socket, @MessageBody() request: SocketRegisterRequest): Promise<SocketRegisterAck> {
    try {
      const service = requireService(request);
      requireAccess(principalOf(socket), service.namespaceId, 'write');
      const body = requireInstance(request, true);
      const instance = await this.registration.register(service, { ...body, ephemeral: true, ownerConnectionId: socket.id }, actorOfSocket(socket));
      return { ok: true, instance: presentInstance(service, instance) };
    } catch (error) {
      return ackError(error);
    }
  }

  @SubscribeMessage('instance.deregister')
  async deregister(@ConnectedSocket() socket: Socket, @MessageBody() request: SocketDeregisterRequest): Promise<SocketDeregisterAck> {
    try {
      const service = requireService(request);
      requireAccess(principalOf(socket), service.namespaceId, 'write');
      await this.registration.deregister(service, requireInstance(request, false) as unknown as SocketDeregisterRequest['instance'], actorOfSocket(socket));
      return { ok: true };
    } catch (error) {
      return ackError(error);
    }
  }

  handleDisconnect(socket: Socket): void {
    const released = this.registration.releaseConnection(socket.id);
    if (released) this.logger.log(`connection ${socket.id} closed; released ${released} instance(s)`);
  }
}
