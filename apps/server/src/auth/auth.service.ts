import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ADMIN_ROLE } from '@switchboard/shared';
import bcrypt from 'bcryptjs';
import jwt from 'jsonwebtoken';
import { Clock } from '../common/clock';
import { SETTINGS } from '../settings/settings.module';
import type { Settings } from '../settings/settings';
import { AuditService } from './audit.service';
import { AuthDirectory } from './auth-directory';
import { AuthRepository, DIRECTORY_FEED } from './auth.repository';
import { RoleBindingEntity, UserEntity } from './domain/auth.entities';
import { loginLocked, unauthenticated, userNotFound } from './domain/auth.errors';
import { LoginThrottle, type LoginLockout } from './login-throttle';
import { resolveTokenSecret } from './token-secret';
import { ClusterBus } from '../cluster/cluster-bus';
import { Replication } from '../cluster/replication';
import { SYSTEM_ACTOR, type Actor } from '../identity/actor';
import { DEVELOPMENT_PRINCIPAL, type Principal } from '../identity/principal';

// Cluster notices of changed users, role bindings and permissions, and of login lock-outs
// started or lifted.
const LOCKOUT_NOTICE = 'auth-lockout';
interface LockoutNotice {
  username: string;
  lockout?: LoginLockout; // absent: every lock-out of the user was lifted
}

export const BCRYPT_ROUNDS = 10;
export const ACCESS_TOKEN_PREFIX = 'sbp_';

// What a request may carry to say who it is.
export interface Credentials {
  bearer?: string; // Authorization: Bearer … (a login token or a personal access token)
  accessToken?: string; // Nacos clients: the accessToken parameter
  username?: string; // Nacos clients with username/password send both on every request
  password?: string;
  address: string; // the client's address: failed logins are counted per user and address
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

// Login, tokens and resolving the caller of a request. Verified username/password pairs are
// cached briefly (Nacos clients send them on every call; bcrypt per request would be far too
// slow); the cache key is a hash, never the password.
@Injectable()
export class AuthService implements OnModuleInit {
  private readonly logger = new Logger(AuthService.name);
  private secret = '';
  private generatedAdminPassword: string | undefined;
  private readonly verified = new Map<string, { username: string; untilMs: number }>();
  private readonly verifiedTokens = new Map<string, { username: string; expMs: number }>();
  private readonly throttle: LoginThrottle;

  constructor(
    private readonly directory: AuthDirectory,
    private readonly repository: AuthRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly cluster: ClusterBus,
    private readonly replication: Replication,
  ) {
    const { maxFailedLogins, loginDelayMs, lockoutMs } = settings.auth;
    this.throttle = new LoginThrottle({ maxFailures: maxFailedLogins, delayMs: loginDelayMs, lockoutMs });
  }

  get enabled(): boolean {
    return this.settings.auth.enabled;
  }

  async onModuleInit(): Promise<void> {
    const { secret, source } = resolveTokenSecret(this.settings.auth.tokenSecret, this.settings.dataDir);
    this.secret = secret;
    if (source === 'generated') this.logger.log('generated a new token signing secret in the data directory');
    await this.reload();
    await this.ensureFirstAdmin();
    // Cluster mode: users, roles and permissions changed on one node are reloaded by the others,
    // which also forget the passwords they had verified.
    this.replication.register(DIRECTORY_FEED, { apply: () => this.reload(), reloadAll: () => this.reload() });
    this.cluster.on(LOCKOUT_NOTICE, (data) => {
      const { username, lockout } = data as LockoutNotice;
      if (lockout) this.throttle.lockOut(username, lockout.address, lockout.untilMs);
      else this.throttle.unlock(username, this.clock.now().getTime());
    });
    if (!this.enabled) {
      this.logger.warn('AUTH_ENABLED=false: AUTHENTICATION IS OFF. Every caller is an administrator. Use this for local development only.');
    }
  }

  // The password generated for the first administrator on this start, once; then forgotten.
  takeGeneratedAdminPassword(): string | undefined {
    const password = this.generatedAdminPassword;
    this.generatedAdminPassword = undefined;
    return password;
  }

  private async ensureFirstAdmin(): Promise<void> {
    if (this.directory.allUsers().length > 0) return;
    const username = this.settings.auth.adminUsername;
    const generated = !this.settings.auth.adminPassword;
    const password = this.settings.auth.adminPassword || randomBytes(18).toString('base64url');
    const user = Object.assign(new UserEntity(), { username, passwordHash: await bcrypt.hash(password, BCRYPT_ROUNDS), createdAt: this.clock.now() });
    await this.repository.changeDirectory(async (manager) => {
      await manager.insert(UserEntity, user);
      await manager.insert(RoleBindingEntity, Object.assign(new RoleBindingEntity(), { role: ADMIN_ROLE, username }));
    });
    this.directory.putUser(user);
    this.directory.bind(ADMIN_ROLE, username);
    if (generated) {
      // Printed once, on the first start only; it is not stored anywhere in clear (kept in
      // memory until the start-up banner has shown it).
      this.generatedAdminPassword = password;
      this.logger.warn(`created the first administrator "${username}" with the generated password: ${password}  (change it after signing in)`);
    } else {
      this.logger.log(`created the first administrator "${username}" with the password from AUTH_ADMIN_PASSWORD`);
    }
  }

  // Username and password from a client address → a signed token. Failures from that address
  // make its next attempts wait, then lock it out for this user (see LoginThrottle); unknown
  // users are counted alike, so the answers do not tell whether a user exists.
  async login(username: string, password: string, address: string): Promise<{ token: string; expiresAt: Date; principal: Principal }> {
    const nowMs = this.clock.now().getTime();
    const refusal = this.throttle.refusal(username, address, password, nowMs);
    if (refusal) throw loginLocked(refusal.untilMs, refusal.reason);
    const user = this.directory.user(username);
    const ok = user ? await bcrypt.compare(password, user.passwordHash) : (await bcrypt.compare(password, await dummyHash()), false);
    if (!user || !ok) {
      this.recordFailure(username, address);
      throw unauthenticated('wrong user name or password');
    }
    this.throttle.succeeded(username, address, password, this.clock.now().getTime());
    return { ...this.issueToken(username), principal: this.directory.principal(username)! };
  }

  issueToken(username: string): { token: string; expiresAt: Date } {
    const nowS = Math.floor(this.clock.now().getTime() / 1000);
    const exp = nowS + this.settings.auth.tokenTtlS;
    const token = jwt.sign({ sub: username, iat: nowS, exp }, this.secret, { algorithm: 'HS256', noTimestamp: true });
    return { token, expiresAt: new Date(exp * 1000) };
  }

  // The caller of a request, or undefined when it carries no credentials at all. Credentials
  // that are present but wrong throw UNAUTHENTICATED.
  async authenticate(credentials: Credentials): Promise<Principal | undefined> {
    if (!this.enabled) return DEVELOPMENT_PRINCIPAL;
    const token = credentials.bearer ?? credentials.accessToken;
    if (token) return token.startsWith(ACCESS_TOKEN_PREFIX) ? this.fromAccessToken(token) : this.fromJwt(token);
    if (credentials.username !== undefined && credentials.password !== undefined) return this.fromPassword(credentials.username, credentials.password, credentials.address);
    return undefined;
  }

  // The caller, when the credentials were verified before and are still in the caches (no
  // signature check, no database, no bcrypt); undefined otherwise, and the caller takes the full
  // path. Never throws.
  authenticateCached(credentials: Credentials): Principal | undefined {
    if (!this.enabled) return DEVELOPMENT_PRINCIPAL;
    const nowMs = this.clock.now().getTime();
    const token = credentials.bearer ?? credentials.accessToken;
    if (token) {
      const verified = this.verifiedTokens.get(token);
      return verified && verified.expMs > nowMs ? this.directory.principal(verified.username) : undefined;
    }
    if (credentials.username === undefined || credentials.password === undefined) return undefined;
    const cached = this.verified.get(sha256(`${credentials.username}\u0000${credentials.password}`));
    return cached && cached.untilMs > nowMs && cached.username === credentials.username ? this.directory.principal(credentials.username) : undefined;
  }

  private fromJwt(token: string): Principal {
    // Verifying a signature costs far more than serving a cached read, so a verified token is
    // remembered until it expires (bounded); the user behind it is still looked up every time,
    // so deleting a user or changing their roles takes effect at once.
    const nowMs = this.clock.now().getTime();
    let verified = this.verifiedTokens.get(token);
    if (verified && verified.expMs <= nowMs) throw unauthenticated('token expired');
    if (!verified) {
      let payload: string | jwt.JwtPayload;
      try {
        // Only HS256 with our secret: "alg: none" and other algorithms are refused.
        payload = jwt.verify(token, this.secret, { algorithms: ['HS256'], clockTimestamp: Math.floor(nowMs / 1000) });
      } catch (error) {
        throw unauthenticated(error instanceof jwt.TokenExpiredError ? 'token expired' : 'token invalid');
      }
      if (typeof payload !== 'object' || typeof payload.sub !== 'string' || typeof payload.exp !== 'number') throw unauthenticated('token invalid');
      verified = { username: payload.sub, expMs: payload.exp * 1000 };
      if (this.verifiedTokens.size >= 10_000) this.verifiedTokens.clear();
      this.verifiedTokens.set(token, verified);
    }
    const principal = this.directory.principal(verified.username);
    if (!principal) throw unauthenticated('token invalid');
    return principal;
  }

  private async fromAccessToken(token: string): Promise<Principal> {
    const row = await this.repository.tokens.findOneBy({ tokenHash: sha256(token) });
    const nowMs = this.clock.now().getTime();
    if (!row || (row.expiresAt && row.expiresAt.getTime() <= nowMs)) throw unauthenticated('access token invalid or expired');
    const principal = this.directory.principal(row.username);
    if (!principal) throw unauthenticated('access token invalid or expired');
    if (!row.lastUsedAt || nowMs - row.lastUsedAt.getTime() > 60_000) {
      void this.repository.write(() => this.repository.tokens.update({ id: row.id }, { lastUsedAt: new Date(nowMs) })).catch(() => undefined);
    }
    return row.publishDirect ? { ...principal, publishDirect: true } : principal;
  }

  private async fromPassword(username: string, password: string, address: string): Promise<Principal> {
    const key = sha256(`${username}\u0000${password}`);
    const nowMs = this.clock.now().getTime();
    const cached = this.verified.get(key);
    if (cached && cached.untilMs > nowMs && cached.username === username) {
      const principal = this.directory.principal(username);
      if (principal) return principal;
    }
    const { principal } = await this.login(username, password, address);
    if (this.verified.size > 10_000) this.verified.clear();
    this.verified.set(key, { username, untilMs: nowMs + this.settings.auth.credentialCacheMs });
    return principal;
  }

  private async reload(): Promise<void> {
    this.directory.load(await this.repository.users.find(), await this.repository.bindings.find(), await this.repository.permissions.find());
    this.verified.clear();
  }

  // Forget cached verdicts (password changed, user deleted).
  forgetCredentials(username: string): void {
    for (const [key, entry] of this.verified) if (entry.username === username) this.verified.delete(key);
  }

  // The addresses locked out for a user now (for the user list).
  lockouts(username: string): LoginLockout[] {
    return this.throttle.lockouts(username, this.clock.now().getTime());
  }

  // An administrator lifts every lock-out and wait of a user, on every node; audited.
  unlock(username: string, caller: Actor): LoginLockout[] {
    if (!this.directory.user(username)) throw userNotFound(username);
    const lifted = this.throttle.unlock(username, this.clock.now().getTime());
    this.cluster.announce(LOCKOUT_NOTICE, { username } satisfies LockoutNotice);
    this.audit.record({ action: 'user.unlock', targetType: 'user', target: username, namespaceId: null, details: { addresses: lifted.map((l) => l.address).join(',') } }, caller);
    return lifted;
  }

  private recordFailure(username: string, address: string): void {
    const lockout = this.throttle.failed(username, address, this.clock.now().getTime());
    // An unknown user is locked out alike, but nobody is told: there is nothing to unlock.
    if (!lockout || !this.directory.user(username)) return;
    const until = new Date(lockout.untilMs).toISOString();
    this.logger.warn(`login locked out after repeated failures user=${username} address=${address} until=${until}`);
    this.cluster.announce(LOCKOUT_NOTICE, { username, lockout } satisfies LockoutNotice);
    // The server acts; the address is the one the failures came from.
    this.audit.record({ action: 'user.lockout', targetType: 'user', target: username, namespaceId: null, details: { address, until } }, { user: SYSTEM_ACTOR.user, sourceIp: address });
  }
}

// Compared against when the user does not exist, so timing does not tell whether it does: made
// with the cost of real hashes, once, when first needed (not at start-up).
let dummy: Promise<string> | undefined;
function dummyHash(): Promise<string> {
  return (dummy ??= bcrypt.hash('not a real password', BCRYPT_ROUNDS));
}

