import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { GOVERNANCE_ENDPOINTS as E, type ChangeRequestSummaryView, type ChangeRequestView, type Page } from '@switchboard/shared';
import type { FastifyRequest } from 'fastify';
import { actorOf } from '../../auth/request-actor';
import { Authenticated, NamespaceRead, NamespaceWrite, fromPath } from '../../identity/access';
import { ChangeRequestsService, type Caller } from '../change-requests.service';
import type { ChangeRequestRecord } from '../domain/change-request.record';
import { presentChangeItem, presentChangeRequest, presentChangeRequestSummary } from './change-request.presenter';
import { CommentChangeRequestDto, CreateChangeRequestDto, ListChangeRequestsQueryDto, ReviewChangeRequestDto, UpdateChangeRequestDto } from './dto/change-request.dto';

const callerOf = (request: FastifyRequest): Caller => ({ principal: request.principal!, actor: actorOf(request) });

// Change requests of a namespace. Reading needs read access; opening and editing one, write;
// approving and rejecting, review (never one's own); applying, write or review. Each command
// checks what the caller may do with that request (ChangeRequestsService.permitted).
@ApiTags('change requests')
@ApiBearerAuth()
@Controller()
export class ChangeRequestsController {
  constructor(private readonly requests: ChangeRequestsService) {}

  @Get(E.listChangeRequests.path)
  @NamespaceRead(fromPath)
  async list(@Param('namespaceId') namespaceId: string, @Query() query: ListChangeRequestsQueryDto): Promise<Page<ChangeRequestSummaryView>> {
    const page = await this.requests.list(namespaceId, query);
    const required = this.requests.requiredApprovals(namespaceId);
    return { ...page, items: page.items.map((r) => presentChangeRequestSummary(r, required)) };
  }

  @Post(E.createChangeRequest.path)
  @NamespaceWrite(fromPath)
  @HttpCode(201)
  async create(@Param('namespaceId') namespaceId: string, @Body() body: CreateChangeRequestDto, @Req() request: FastifyRequest): Promise<ChangeRequestView> {
    return this.present(await this.requests.create(namespaceId, body, callerOf(request)), request);
  }

  @Get(E.getChangeRequest.path)
  @NamespaceRead(fromPath)
  async get(@Param('namespaceId') namespaceId: string, @Param('id') id: string, @Req() request: FastifyRequest): Promise<ChangeRequestView> {
    return this.present(await this.requests.get(namespaceId, id), request);
  }

  @Patch(E.updateChangeRequest.path)
  @NamespaceWrite(fromPath)
  async update(@Param('namespaceId') namespaceId: string, @Param('id') id: string, @Body() body: UpdateChangeRequestDto, @Req() request: FastifyRequest): Promise<ChangeRequestView> {
    return this.present(await this.requests.update(namespaceId, id, body, callerOf(request)), request);
  }

  @Post(E.approveChangeRequest.path)
  @NamespaceRead(fromPath)
  @HttpCode(200)
  async approve(@Param('namespaceId') namespaceId: string, @Param('id') id: string, @Body() body: ReviewChangeRequestDto, @Req() request: FastifyRequest): Promise<ChangeRequestView> {
    return this.present(await this.requests.approve(namespaceId, id, body, callerOf(request)), request);
  }

  @Post(E.rejectChangeRequest.path)
  @NamespaceRead(fromPath)
  @HttpCode(200)
  async reject(@Param('namespaceId') namespaceId: string, @Param('id') id: string, @Body() body: ReviewChangeRequestDto, @Req() request: FastifyRequest): Promise<ChangeRequestView> {
    return this.present(await this.requests.reject(namespaceId, id, body, callerOf(request)), request);
  }

  @Post(E.withdrawChangeRequest.path)
  @NamespaceRead(fromPath)
  @HttpCode(200)
  async withdraw(@Param('namespaceId') namespaceId: string, @Param('id') id: string, @Body() body: ReviewChangeRequestDto, @Req() request: FastifyRequest): Promise<ChangeRequestView> {
    return this.present(await this.requests.withdraw(namespaceId, id, body, callerOf(request)), request);
  }

  @Post(E.rebaseChangeRequest.path)
  @NamespaceWrite(fromPath)
  @HttpCode(200)
  async rebase(@Param('namespaceId') namespaceId: string, @Param('id') id: string, @Body() body: ReviewChangeRequestDto, @Req() request: FastifyRequest): Promise<ChangeRequestView> {
    return this.present(await this.requests.rebase(namespaceId, id, body, callerOf(request)), request);
  }

  @Post(E.applyChangeRequest.path)
  @NamespaceRead(fromPath)
  @HttpCode(200)
  async apply(@Param('namespaceId') namespaceId: string, @Param('id') id: string, @Body() body: ReviewChangeRequestDto, @Req() request: FastifyRequest): Promise<ChangeRequestView> {
    return this.present(await this.requests.apply(namespaceId, id, body, callerOf(request)), request);
  }

  @Post(E.commentChangeRequest.path)
  @NamespaceRead(fromPath)
  @HttpCode(201)
  async comment(@Param('namespaceId') namespaceId: string, @Param('id') id: string, @Body() body: CommentChangeRequestDto, @Req() request: FastifyRequest): Promise<ChangeRequestView> {
    return this.present(await this.requests.comment(namespaceId, id, body.body, callerOf(request)), request);
  }

  @Get(E.awaitingMyReview.path)
  @Authenticated()
  awaiting(@Req() request: FastifyRequest): ChangeRequestSummaryView[] {
    return this.requests.awaitingReview(request.principal!).map((r) => presentChangeRequestSummary(r, this.requests.requiredApprovals(r.namespaceId)));
  }

  private async present(record: ChangeRequestRecord, request: FastifyRequest): Promise<ChangeRequestView> {
    const items = (await this.requests.itemsWithBase(record)).map(({ item, ...context }) => presentChangeItem(item, context));
    const comments = await this.requests.comments(record.id);
    return presentChangeRequest(record, this.requests.requiredApprovals(record.namespaceId), items, comments, this.requests.permitted(record, request.principal!));
  }
}
