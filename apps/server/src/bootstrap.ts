import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { OPS_PATHS } from '@switchboard/shared';
import { LogController } from 'fastify';
import type { Logger as PinoLogger } from 'pino';
import { AppModule } from './app.module';
import { AuthService } from './auth/auth.service';
import { HttpDrain } from './common/http/http-drain';
import { HotRoutes } from './common/http/hot-routes';
import { answerClientError, registerHttpHooks, requestIdFor } from './common/http/http-hooks';
import { createValidationPipe } from './common/http/validation.pipe';
import { registerConsole } from './console-static/console-static';
import { logReady } from './logging/banner';
import { PinoNestLogger } from './logging/logger';
import { MetricsService } from './common/metrics/metrics.service';
import { Readiness } from './ops/readiness';
import { NacosGrpcServer } from './grpc/nacos-grpc.server';
import type { Settings } from './settings/settings';

function setupOpenApi(app: NestFastifyApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Switchboard API')
    .setDescription('Service registry and configuration center: own REST API (/api/v1). The Nacos-compatible API lives under /nacos.')
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'a login token (POST /api/v1/auth/login) or a personal access token' })
    .build();
  // Built on the first request for it (then kept): scanning every route costs start-up time.
  SwaggerModule.setup(OPS_PATHS.apiDocs.slice(1), app, () => SwaggerModule.createDocument(app, config), { jsonDocumentUrl: OPS_PATHS.apiDocsJson.slice(1) });
}

// Builds the application (not yet listening): Fastify with our logger, hooks, error handling,
// OpenAPI document and the console's static files.
export async function createApp(settings: Settings, rootLogger: PinoLogger): Promise<NestFastifyApplication> {
  // The HTTP server offers each request to the drain (see HttpDrain), then to the hot routes
  // (see HotRoutes); both are attached once the application is built, before it listens.
  const attached: { hot?: HotRoutes; drain?: HttpDrain } = {};
  const serverFactory = (handler: RequestListener) =>
    createServer((req, res) => {
      if (attached.drain && !attached.drain.admit(req, res)) return;
      if (!attached.hot?.tryAnswer(req, res)) handler(req, res);
    });
  const adapter = new FastifyAdapter({
    serverFactory,
    loggerInstance: rootLogger,
    // Our own onResponse hook writes one line per request (http-hooks.ts).
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: requestIdFor,
    bodyLimit: settings.http.bodyLimitBytes,
    // A path parameter may be a whole dataId (up to 256 characters, each up to 9 when
    // percent-encoded UTF-8); the router's default of 100 would answer 414 for valid keys.
    routerOptions: { maxParamLength: 2304 },
    return503OnClosing: true,
    clientErrorHandler: answerClientError,
    // The client's address decides canary answers: X-Forwarded-For counts only from our proxies.
    trustProxy: settings.trustedProxies.length ? settings.trustedProxies : false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(settings), adapter, {
    logger: new PinoNestLogger(rootLogger),
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  registerHttpHooks(fastify, app.get(MetricsService), settings.log.requests);
  const hot = app.get(HotRoutes);
  hot.attach(app.get(MetricsService), rootLogger, settings.trustedProxies.length > 0, settings.log.requests);
  attached.hot = hot;
  attached.drain = app.get(HttpDrain);
  const logger = new Logger('Http');
  app.useGlobalPipes(createValidationPipe());
  // Browsers may call the API from other origins only when listed (same origin otherwise).
  if (settings.corsOrigins.length) app.enableCors({ origin: settings.corsOrigins, credentials: false, maxAge: 600 });
  // Config archives (import) arrive as raw zip bodies.
  fastify.addContentTypeParser(['application/zip', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: settings.http.bodyLimitBytes }, (_request, body, done) => done(null, body));
  setupOpenApi(app);
  await registerConsole(fastify, settings.consoleDir, logger);
  return app;
}

export async function startApp(settings: Settings, rootLogger: PinoLogger): Promise<NestFastifyApplication> {
  const app = await createApp(settings, rootLogger);
  await app.listen(settings.http.port, settings.http.host);
  const grpc = app.get(NacosGrpcServer);
  await grpc.listen(rootLogger);
  app.get(Readiness).markReady();
  const { port } = app.getHttpServer().address() as AddressInfo;
  logReady(rootLogger, settings, { port, grpcPort: grpc.boundPort, generatedAdminPassword: app.get(AuthService).takeGeneratedAdminPassword() });
  return app;
}

// Graceful stop: gRPC clients are asked to move to another node (ConnectResetRequest), HTTP
// intake ends and the requests in flight finish (HttpDrain), then the modules shut down (audit
// rows written, sockets closed) and the database closes last.
export async function stopApp(app: NestFastifyApplication): Promise<void> {
  app.get(Readiness).markStopping();
  await app.get(NacosGrpcServer).stop();
  await app.get(HttpDrain).drain(app.getHttpServer() as Server);
  await app.close();
}
