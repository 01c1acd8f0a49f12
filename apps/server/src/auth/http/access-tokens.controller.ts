import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AUTH_ENDPOINTS as E, type AccessTokenView, type AuditEventView, type CreatedAccessTokenView, type Page } from '@switchboard/shared';
import type { FastifyRequest } from 'fastify';
import { AccessTokenService } from '../access-token.service';
import { AuditService } from '../audit.service';
import { CreateAccessTokenDto, ListAuditQueryDto } from './dto/auth.dto';
import { AdminOnly, Authenticated } from '../../identity/access';
import { RequestActor } from '../request-actor';
import { forbidden } from '../domain/auth.errors';
import type { Actor } from '../../identity/actor';

@ApiTags('auth')
@ApiBearerAuth()
@Controller()
export class AccessTokensController {
  constructor(
    private readonly tokens: AccessTokenService,
    private readonly audit: AuditService,
  ) {}

  @Get(E.listAccessTokens.path)
  @Authenticated()
  list(@Req() request: FastifyRequest): Promise<AccessTokenView[]> {
    return this.tokens.list(request.principal!.username);
  }

  @Post(E.createAccessToken.path)
  @Authenticated()
  @HttpCode(201)
  create(@Body() body: CreateAccessTokenDto, @Req() request: FastifyRequest, @RequestActor() caller: Actor): Promise<CreatedAccessTokenView> {
    if (body.publishDirect && !request.principal!.admin) throw forbidden('only administrators grant publish-direct');
    return this.tokens.create(request.principal!.username, body.name, body.expiresInDays, caller, body.publishDirect === true);
  }

  // Tokens of another user, such as a service account a pipeline signs in as.
  @Get(E.listUserAccessTokens.path)
  @AdminOnly()
  listOfUser(@Param('username') username: string): Promise<AccessTokenView[]> {
    return this.tokens.list(username);
  }

  @Post(E.createUserAccessToken.path)
  @AdminOnly()
  @HttpCode(201)
  createForUser(@Param('username') username: string, @Body() body: CreateAccessTokenDto, @RequestActor() caller: Actor): Promise<CreatedAccessTokenView> {
    return this.tokens.create(username, body.name, body.expiresInDays, caller, body.publishDirect === true);
  }

  @Delete(E.revokeUserAccessToken.path)
  @AdminOnly()
  @HttpCode(204)
  async revokeOfUser(@Param('username') username: string, @Param('id') id: string, @RequestActor() caller: Actor): Promise<void> {
    await this.tokens.revoke(username, id, caller);
  }

  @Delete(E.revokeAccessToken.path)
  @Authenticated()
  @HttpCode(204)
  async revoke(@Param('id') id: string, @Req() request: FastifyRequest, @RequestActor() caller: Actor): Promise<void> {
    await this.tokens.revoke(request.principal!.username, id, caller);
  }

  @Get(E.listAudit.path)
  @AdminOnly()
  auditList(@Query() query: ListAuditQueryDto): Promise<Page<AuditEventView>> {
    return this.audit.list(query);
  }
}
