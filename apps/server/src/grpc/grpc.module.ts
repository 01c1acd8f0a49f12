import { Module } from '@nestjs/common';
import { GrpcHandlers } from './grpc-handlers';
import { SdkConnectionsController } from './http/sdk-connections.controller';
import { NacosGrpcServer } from './nacos-grpc.server';
import { SdkConnectionsDirectory } from './sdk-connections.directory';

// The Nacos SDK gRPC transport and its connections; each area that serves request types
// imports it.
@Module({
  controllers: [SdkConnectionsController],
  providers: [GrpcHandlers, NacosGrpcServer, SdkConnectionsDirectory],
  exports: [GrpcHandlers, NacosGrpcServer, SdkConnectionsDirectory],
})
export class GrpcModule {}
