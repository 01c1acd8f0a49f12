import { afterEach, inject } from 'vitest';
import { NacosGrpcClient, type GrpcServerAddress, type NacosGrpcClientOptions } from './nacos-grpc-client';

// The shared suite server as a Nacos SDK sees it: its gRPC address (with the HTTP port, as SDKs
// derive one from the other) and the administrator's credentials (the SDK logs in over HTTP).
export function sharedGrpcServer(): { baseUrl: string; address: GrpcServerAddress; admin: { httpBaseUrl: string; username: string; password: string } } {
  const baseUrl = inject('baseUrl');
  return {
    baseUrl,
    address: { host: '127.0.0.1', port: inject('grpcPort'), httpPort: Number(new URL(baseUrl).port) },
    admin: { httpBaseUrl: baseUrl, username: inject('adminUsername'), password: inject('adminPassword') },
  };
}

// Starts SDK clients with these defaults for the tests of a describe block, and closes every one
// after each test.
export function grpcClients(defaults: Omit<NacosGrpcClientOptions, 'module'> & Partial<Pick<NacosGrpcClientOptions, 'module'>>): (options?: Partial<NacosGrpcClientOptions>) => Promise<NacosGrpcClient> {
  const clients: NacosGrpcClient[] = [];
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  return async (options = {}) => {
    const client = await NacosGrpcClient.start({ module: 'config', ...defaults, ...options });
    clients.push(client);
    return client;
  };
}
