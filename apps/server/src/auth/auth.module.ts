import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessTokenEntity, AuditEventEntity, PermissionEntity, RoleBindingEntity, UserEntity } from './domain/auth.entities';
import { APP_GUARD } from '@nestjs/core';
import { AccessTokenService } from './access-token.service';
import { AuditService } from './audit.service';
import { AuthDirectory } from './auth-directory';
import { AuthGuard } from './auth.guard';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';
import { KnownNamespaces } from './known-namespaces';
import { AccessTokensController } from './http/access-tokens.controller';
import { AuthController } from './http/auth.controller';
import { NacosAuthAdminController } from './nacos/nacos-auth-admin.controller';
import { NacosAuthController } from './nacos/nacos-auth.controller';
import { UserAdminService } from './user-admin.service';

// Who is calling and what they may do, for every area: the guard, sign-in, users, tokens and the
// audit trail. Global: every controller of every area passes its guard.
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, RoleBindingEntity, PermissionEntity, AccessTokenEntity, AuditEventEntity])],
  controllers: [AuthController, AccessTokensController, NacosAuthController, NacosAuthAdminController],
  providers: [KnownNamespaces, AuthDirectory, AuthRepository, AuthService, AuditService, UserAdminService, AccessTokenService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, AuditService, KnownNamespaces],
})
export class AuthModule {}
