import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AUTH_ENDPOINTS as E, type CurrentUserView, type LoginView, type PermissionView, type RoleView, type UserView } from '@switchboard/shared';
import type { FastifyRequest } from 'fastify';
import { AuthDirectory } from '../auth-directory';
import { AuthService } from '../auth.service';
import type { UserEntity } from '../domain/auth.entities';
import { UserAdminService } from '../user-admin.service';
import { presentCurrentUser, presentUser } from './auth.presenter';
import { BindRoleDto, ChangePasswordDto, CreateUserDto, LoginDto, PermissionDto } from './dto/auth.dto';
import { AdminOnly, Authenticated, Public } from '../../identity/access';
import { RequestActor } from '../request-actor';
import type { Actor } from '../../identity/actor';

@ApiTags('auth')
@ApiBearerAuth()
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly admin: UserAdminService,
    private readonly directory: AuthDirectory,
  ) {}

  @Post(E.login.path)
  @Public()
  @HttpCode(200)
  async login(@Body() body: LoginDto, @RequestActor() caller: Actor): Promise<LoginView> {
    const { token, expiresAt, principal } = await this.auth.login(body.username, body.password, caller.sourceIp);
    return { accessToken: token, tokenType: 'Bearer', expiresAt: expiresAt.toISOString(), user: presentCurrentUser(principal, this.auth.enabled) };
  }

  @Get(E.me.path)
  @Authenticated()
  me(@Req() request: FastifyRequest): CurrentUserView {
    return presentCurrentUser(request.principal!, this.auth.enabled);
  }

  @Get(E.listUsers.path)
  @AdminOnly()
  users(): UserView[] {
    return this.directory.allUsers().map((u) => this.present(u));
  }

  @Post(E.createUser.path)
  @AdminOnly()
  async createUser(@Body() body: CreateUserDto, @RequestActor() caller: Actor): Promise<UserView> {
    return this.present(await this.admin.createUser(body.username, body.password, caller));
  }

  // Lifts the user's login lock-outs (every address) and waits after failed logins; audited.
  @Post(E.unlockUser.path)
  @AdminOnly()
  @HttpCode(200)
  unlockUser(@Param('username') username: string, @RequestActor() caller: Actor): UserView {
    this.auth.unlock(username, caller);
    return this.present(this.directory.user(username)!);
  }

  @Delete(E.deleteUser.path)
  @AdminOnly()
  @HttpCode(204)
  async deleteUser(@Param('username') username: string, @RequestActor() caller: Actor): Promise<void> {
    await this.admin.deleteUser(username, caller);
  }

  @Put(E.changePassword.path)
  @AdminOnly()
  @HttpCode(204)
  async changePassword(@Param('username') username: string, @Body() body: ChangePasswordDto, @RequestActor() caller: Actor): Promise<void> {
    await this.admin.changePassword(username, body.password, caller);
  }

  private present(user: UserEntity): UserView {
    return presentUser(user, this.directory, this.auth.lockouts(user.username));
  }

  @Get(E.listRoles.path)
  @AdminOnly()
  roles(): RoleView[] {
    return this.directory.allRoles();
  }

  @Post(E.bindRole.path)
  @AdminOnly()
  @HttpCode(200)
  async bindRole(@Body() body: BindRoleDto, @RequestActor() caller: Actor): Promise<RoleView> {
    await this.admin.bindRole(body.role, body.username, caller);
    return this.directory.allRoles().find((r) => r.role === body.role)!;
  }

  @Delete(E.unbindRole.path)
  @AdminOnly()
  @HttpCode(204)
  async unbindRole(@Param('role') role: string, @Param('username') username: string, @RequestActor() caller: Actor): Promise<void> {
    await this.admin.unbindRole(role, username, caller);
  }

  @Get(E.listPermissions.path)
  @AdminOnly()
  permissions(): PermissionView[] {
    return this.directory.allPermissions();
  }

  @Post(E.grantPermission.path)
  @AdminOnly()
  @HttpCode(200)
  grant(@Body() body: PermissionDto, @RequestActor() caller: Actor): Promise<PermissionView> {
    return this.admin.grant(body.role, body.namespaceId, body.action, caller);
  }

  @Delete(E.revokePermission.path)
  @AdminOnly()
  @HttpCode(204)
  async revoke(@Query() query: PermissionDto, @RequestActor() caller: Actor): Promise<void> {
    await this.admin.revoke(query, caller);
  }
}
