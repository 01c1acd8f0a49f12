import { Global, Module } from '@nestjs/common';
import { RealtimeGateway } from './realtime.gateway';
import { RealtimeTopicsRegistry } from './realtime-topics.registry';

@Global()
@Module({ providers: [RealtimeGateway, RealtimeTopicsRegistry], exports: [RealtimeGateway, RealtimeTopicsRegistry] })
export class RealtimeModule {}
