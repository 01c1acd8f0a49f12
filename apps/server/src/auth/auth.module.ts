import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { NamespacesModule } from '../namespaces/namespaces.module';
import { AccessTokenService } from './access-token.service';
import { AuditService } from './audit.service';
import { AuthDirectory } from './auth-directory';
import { AuthGuard } from './auth.guard';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';
import { AccessTokensController } from './http/access-tokens.controller';
import { AuthController } from './http/auth.controller';
import { NacosAuthAdminController } from './nacos/nacos-auth-admin.controller';
import { NacosAuthController } from './nacos/nacos-auth.controller';
import { UserAdminService } from './user-admin.service';

@Global()
@Module({
  imports: [NamespacesModule],
  controllers: [AuthController, AccessTokensController, NacosAuthController, NacosAuthAdminController],
  providers: [AuthDirectory, AuthRepository, AuthService, AuditService, UserAdminService, AccessTokenService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, AuditService],
})
export class AuthModule {}
