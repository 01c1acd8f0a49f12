import { Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, type OnGatewayDisconnect } from '@nestjs/websockets';
import {
  REALTIME_PATH,
  type SocketDeregisterAck,
  type SocketDeregisterRequest,
  type SocketRegisterAck,
  type SocketRegisterRequest,
} from '@switchboard/shared';
import type { Socket } from 'socket.io';
import { fieldViolation, validationFailed } from '../../common/errors/domain-error';
import { requireAccess } from '../../auth/principal';
import { ackError } from '../../realtime/ack-error';
import { callerOfSocket, principalOf } from '../../realtime/realtime.gateway';
import { presentInstance } from '../http/naming.presenter';
import { InstanceRegistrationService } from '../instance-registration.service';

function requireService(request: { service?: unknown } | undefined): SocketRegisterRequest['service'] {
  const s = request?.service as Record<string, unknown> | undefined;
  if (!s || typeof s.namespaceId !== 'string' || typeof s.groupName !== 'string' || typeof s.serviceName !== 'string') {
    throw validationFailed([fieldViolation('service', 'required', 'must be {namespaceId, groupName, serviceName}')]);
  }
  return { namespaceId: s.namespaceId, groupName: s.groupName, serviceName: s.serviceName };
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
      const body = request.instance ?? ({} as SocketRegisterRequest['instance']);
      const instance = await this.registration.register(service, { ...body, ephemeral: true, ownerConnectionId: socket.id }, callerOfSocket(socket));
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
      await this.registration.deregister(service, request.instance, callerOfSocket(socket));
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
