import { Module } from '@nestjs/common';
import { RealtimeGateway } from './realtime.gateway';
import { RealtimeTopicsRegistry } from './realtime-topics.registry';

// The socket.io gateway and its topics; each area that pushes imports it.
@Module({ providers: [RealtimeGateway, RealtimeTopicsRegistry], exports: [RealtimeGateway, RealtimeTopicsRegistry] })
export class RealtimeModule {}
