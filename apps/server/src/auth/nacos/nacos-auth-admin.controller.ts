// Mirrors the Nacos auth administration API v1 the Nacos console uses (UserController,
// RoleController, PermissionController), administrators only:
//   GET /nacos/v1/auth/users?pageNo&pageSize → Page<{username}> (password hashes are never sent)
//   POST username*, password* / PUT username*, newPassword* / DELETE username* → RestResult
//   GET /nacos/v1/auth/roles?pageNo&pageSize&username → Page<{role, username}>; POST / DELETE role*, username*
//   GET /nacos/v1/auth/permissions?pageNo&pageSize&role → Page<{role, resource, action}>;
//   POST / DELETE role*, resource* ("namespaceId:*:*"), action* (r | w | rw)
// Deviations: `rw` is stored as write (write includes read); bad input is a 4xx.
import { Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DEFAULT_NAMESPACE_ID, type PermissionAction } from '@switchboard/shared';
import { fieldViolation, validationFailed } from '../../common/errors/domain-error';
import { nacosRestResult, type NacosRestResult } from '../../common/nacos/nacos-result';
import { NacosParams, requiredParam, type NacosParamMap } from '../../common/nacos/nacos-params';
import { AuthDirectory } from '../auth-directory';
import { UserAdminService } from '../user-admin.service';
import { AdminOnly } from '../../identity/access';
import { RequestActor } from '../request-actor';
import type { Actor } from '../../identity/actor';

type NacosPage<T> = { totalCount: number; pageNumber: number; pagesAvailable: number; pageItems: T[] };

function page<T>(items: T[], params: NacosParamMap): NacosPage<T> {
  const pageNo = Math.max(1, Number(params.pageNo) || 1);
  const pageSize = Math.min(500, Math.max(1, Number(params.pageSize) || 100));
  return { totalCount: items.length, pageNumber: pageNo, pagesAvailable: Math.ceil(items.length / pageSize), pageItems: items.slice((pageNo - 1) * pageSize, pageNo * pageSize) };
}

function namespaceOfResource(resource: string): string {
  const namespaceId = resource.split(':')[0];
  return namespaceId === '' ? DEFAULT_NAMESPACE_ID : namespaceId;
}

// Nacos's r, w and rw; `review` (approve change requests) has no Nacos letter and keeps its name.
function actionOf(params: NacosParamMap): PermissionAction {
  const action = requiredParam(params, 'action');
  if (action === 'r') return 'read';
  if (action === 'w' || action === 'rw') return 'write';
  if (action === 'review') return 'review';
  throw validationFailed([fieldViolation('action', 'enum', 'must be r, w, rw or review')]);
}

const NACOS_ACTION: Record<PermissionAction, string> = { read: 'r', write: 'rw', review: 'review' };

@ApiExcludeController()
@AdminOnly()
@Controller('/nacos/v1/auth')
export class NacosAuthAdminController {
  constructor(
    private readonly admin: UserAdminService,
    private readonly directory: AuthDirectory,
  ) {}

  @Get('users')
  users(@NacosParams() params: NacosParamMap): NacosPage<{ username: string }> {
    return page(this.directory.allUsers().map((u) => ({ username: u.username })), params);
  }

  @Post('users')
  @HttpCode(200)
  async createUser(@NacosParams() params: NacosParamMap, @RequestActor() caller: Actor): Promise<NacosRestResult<null>> {
    await this.admin.createUser(requiredParam(params, 'username'), requiredParam(params, 'password'), caller);
    return nacosRestResult(null, 'create user ok!');
  }

  @Put('users')
  async changePassword(@NacosParams() params: NacosParamMap, @RequestActor() caller: Actor): Promise<NacosRestResult<null>> {
    await this.admin.changePassword(requiredParam(params, 'username'), requiredParam(params, 'newPassword'), caller);
    return nacosRestResult(null, 'update user ok!');
  }

  @Delete('users')
  async deleteUser(@NacosParams() params: NacosParamMap, @RequestActor() caller: Actor): Promise<NacosRestResult<null>> {
    await this.admin.deleteUser(requiredParam(params, 'username'), caller);
    return nacosRestResult(null, 'delete user ok!');
  }

  @Get('roles')
  roles(@NacosParams() params: NacosParamMap): NacosPage<{ role: string; username: string }> {
    const bindings = this.directory.allRoles().flatMap((r) => r.users.map((username) => ({ role: r.role, username })));
    return page(params.username ? bindings.filter((b) => b.username === params.username) : bindings, params);
  }

  @Post('roles')
  @HttpCode(200)
  async bindRole(@NacosParams() params: NacosParamMap, @RequestActor() caller: Actor): Promise<NacosRestResult<null>> {
    await this.admin.bindRole(requiredParam(params, 'role'), requiredParam(params, 'username'), caller);
    return nacosRestResult(null, 'add role ok!');
  }

  @Delete('roles')
  async unbindRole(@NacosParams() params: NacosParamMap, @RequestActor() caller: Actor): Promise<NacosRestResult<null>> {
    await this.admin.unbindRole(requiredParam(params, 'role'), requiredParam(params, 'username'), caller);
    return nacosRestResult(null, 'delete role of user ok!');
  }

  @Get('permissions')
  permissions(@NacosParams() params: NacosParamMap): NacosPage<{ role: string; resource: string; action: string }> {
    const all = this.directory.allPermissions().map((p) => ({ role: p.role, resource: `${p.namespaceId}:*:*`, action: NACOS_ACTION[p.action] }));
    return page(params.role ? all.filter((p) => p.role === params.role) : all, params);
  }

  @Post('permissions')
  @HttpCode(200)
  async grant(@NacosParams() params: NacosParamMap, @RequestActor() caller: Actor): Promise<NacosRestResult<null>> {
    await this.admin.grant(requiredParam(params, 'role'), namespaceOfResource(requiredParam(params, 'resource')), actionOf(params), caller);
    return nacosRestResult(null, 'add permission ok!');
  }

  @Delete('permissions')
  async revoke(@NacosParams() params: NacosParamMap, @RequestActor() caller: Actor): Promise<NacosRestResult<null>> {
    await this.admin.revoke({ role: requiredParam(params, 'role'), namespaceId: namespaceOfResource(requiredParam(params, 'resource')), action: actionOf(params) }, caller);
    return nacosRestResult(null, 'delete permission ok!');
  }
}
