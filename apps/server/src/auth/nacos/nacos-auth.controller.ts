// Mirrors Nacos auth API v1 login (`/nacos/v1/auth/login` and `/nacos/v1/auth/users/login`,
// UserController): username*, password* (query or form) → {accessToken, tokenTtl, globalAdmin,
// username}; wrong credentials → 403 plain text, as Nacos clients expect. The token is ours:
// it works on every surface (Authorization: Bearer, or the accessToken parameter).
import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { NacosParams, requiredParam, type NacosParamMap } from '../../common/nacos/nacos-params';
import { SETTINGS } from '../../settings/settings.module';
import type { Settings } from '../../settings/settings';
import { AuthService } from '../auth.service';
import { Public } from '../../identity/access';
import { RequestActor } from '../request-actor';
import type { Actor } from '../../identity/actor';

@ApiExcludeController()
@Controller('/nacos/v1/auth')
export class NacosAuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  @Post(['login', 'users/login'])
  @Public()
  @HttpCode(200)
  async login(@NacosParams() params: NacosParamMap, @RequestActor() caller: Actor): Promise<{ accessToken: string; tokenTtl: number; globalAdmin: boolean; username: string }> {
    const { token, principal } = await this.auth.login(requiredParam(params, 'username'), requiredParam(params, 'password'), caller.sourceIp);
    return { accessToken: token, tokenTtl: this.settings.auth.tokenTtlS, globalAdmin: principal.admin, username: principal.username };
  }
}
