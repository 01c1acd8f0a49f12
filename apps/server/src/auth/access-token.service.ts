import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AccessTokenView, CreatedAccessTokenView } from '@switchboard/shared';
import { Clock } from '../common/clock';
import { fieldViolation, validationFailed } from '../common/errors/domain-error';
import { AuditService } from './audit.service';
import { AuthRepository } from './auth.repository';
import { ACCESS_TOKEN_PREFIX, sha256 } from './auth.service';
import { AccessTokenEntity } from './domain/auth.entities';
import { accessTokenNotFound, userNotFound } from './domain/auth.errors';
import { AuthDirectory } from './auth-directory';
import type { Actor } from '../identity/actor';

function present(row: AccessTokenEntity): AccessTokenView {
  return { id: row.id, name: row.name, createdAt: row.createdAt.toISOString(), expiresAt: row.expiresAt?.toISOString() ?? null, lastUsedAt: row.lastUsedAt?.toISOString() ?? null, publishDirect: row.publishDirect };
}

// Personal access tokens for scripts: named, revocable, the secret shown once (only its hash is kept).
@Injectable()
export class AccessTokenService {
  constructor(
    private readonly repository: AuthRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly users: AuthDirectory,
  ) {}

  async list(username: string): Promise<AccessTokenView[]> {
    return (await this.repository.tokens.find({ where: { username }, order: { createdAt: 'DESC' } })).map(present);
  }

  // `publishDirect` is granted by administrators only (the controller checks who asks); a token
  // for another user (a service account) is created by an administrator too.
  async create(username: string, name: string, expiresInDays: number | undefined, caller: Actor, publishDirect = false): Promise<CreatedAccessTokenView> {
    if (username !== caller.user && !this.users.user(username)) throw userNotFound(username);
    if (typeof name !== 'string' || name.trim().length === 0 || name.length > 128) throw validationFailed([fieldViolation('name', 'length', 'must be 1 to 128 characters')]);
    if (expiresInDays !== undefined && (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > 3650)) {
      throw validationFailed([fieldViolation('expiresInDays', 'range', 'must be an integer from 1 to 3650')]);
    }
    const token = `${ACCESS_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const now = this.clock.now();
    const row = Object.assign(new AccessTokenEntity(), {
      id: randomUUID(),
      username,
      name: name.trim(),
      tokenHash: sha256(token),
      createdAt: now,
      expiresAt: expiresInDays ? new Date(now.getTime() + expiresInDays * 86_400_000) : null,
      lastUsedAt: null,
      publishDirect,
    });
    await this.repository.write(() => this.repository.tokens.insert(row));
    this.audit.record({ action: 'access-token.create', targetType: 'access-token', target: row.id, namespaceId: null, details: { name: row.name, username, publishDirect } }, caller);
    return { ...present(row), token };
  }

  async revoke(username: string, id: string, caller: Actor): Promise<void> {
    const result = await this.repository.write(() => this.repository.tokens.delete({ id, username }));
    if ((result.affected ?? 0) === 0) throw accessTokenNotFound(id);
    this.audit.record({ action: 'access-token.revoke', targetType: 'access-token', target: id, namespaceId: null, details: { username } }, caller);
  }
}
