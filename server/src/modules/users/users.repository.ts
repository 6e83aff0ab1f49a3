import { and, count, desc, eq, gt, ilike, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { users, type NewUserRow, type UserRow } from './users.tables.js';

export interface UserListFilter {
  q?: string | undefined;
  role?: 'admin' | 'user' | undefined;
  status: 'active' | 'disabled' | 'all';
  limit: number;
  offset: number;
}

export type UserPatch = Partial<
  Pick<
    NewUserRow,
    | 'username'
    | 'email'
    | 'displayName'
    | 'avatarUrl'
    | 'plexUuid'
    | 'role'
    | 'permissions'
    | 'passwordHash'
    | 'plexTokenSealed'
    | 'disabledAt'
    | 'lastLoginAt'
  >
>;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, '\\$&');

/** The users table. Other contexts reach it only through this class (exported by index.ts). */
export class UsersRepository {
  constructor(private readonly db: Database) {}

  /** The same repository inside a transaction. */
  with(db: Database): UsersRepository {
    return new UsersRepository(db);
  }

  async findById(id: string): Promise<UserRow | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.id, id)).limit(1);
    return row;
  }

  async findByPlexId(plexId: number): Promise<UserRow | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.plexId, plexId)).limit(1);
    return row;
  }

  async findByPlexIds(plexIds: readonly number[]): Promise<UserRow[]> {
    if (plexIds.length === 0) return [];
    return this.db.select().from(users).where(inArray(users.plexId, [...plexIds]));
  }

  /** Case-insensitive, as the unique index is. */
  async findByUsername(username: string): Promise<UserRow | undefined> {
    const [row] = await this.db
      .select()
      .from(users)
      .where(sql`lower(${users.username}) = lower(${username})`)
      .limit(1);
    return row;
  }

  /** True once an enabled admin exists: until then every page leads to the setup wizard. */
  async hasAdmin(): Promise<boolean> {
    return (await this.countAdmins()) > 0;
  }

  async countAdmins(): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, 'admin'), isNull(users.disabledAt)));
    return row?.n ?? 0;
  }

  /** A username not taken yet: `base`, else `base-2`, `base-3`… (Plex names can collide with local ones). */
  async freeUsername(base: string): Promise<string> {
    for (let n = 1; ; n += 1) {
      const candidate = n === 1 ? base : `${base}-${n}`;
      if (!(await this.findByUsername(candidate))) return candidate;
    }
  }

  async create(values: NewUserRow): Promise<UserRow> {
    const [row] = await this.db.insert(users).values(values).returning();
    return row!;
  }

  async update(id: string, patch: UserPatch & { bumpAuthVersion?: boolean }): Promise<UserRow | undefined> {
    const { bumpAuthVersion, ...values } = patch;
    const [row] = await this.db
      .update(users)
      .set({
        ...values,
        updatedAt: new Date(),
        ...(bumpAuthVersion ? { authVersion: sql`${users.authVersion} + 1` } : {}),
      })
      .where(eq(users.id, id))
      .returning();
    return row;
  }

  async list(filter: UserListFilter): Promise<{ rows: UserRow[]; total: number }> {
    const conditions: SQL[] = [];
    if (filter.q) {
      const pattern = `%${escapeLike(filter.q)}%`;
      conditions.push(
        or(ilike(users.username, pattern), ilike(users.displayName, pattern), ilike(users.email, pattern)) as SQL,
      );
    }
    if (filter.role) conditions.push(eq(users.role, filter.role));
    if (filter.status === 'active') conditions.push(isNull(users.disabledAt));
    if (filter.status === 'disabled') conditions.push(isNotNull(users.disabledAt));
    const where = conditions.length > 0 ? and(...conditions) : undefined;
    const [rows, totals] = await Promise.all([
      this.db
        .select()
        .from(users)
        .where(where)
        .orderBy(desc(sql`${users.role} = 'admin'`), sql`lower(${users.username})`)
        .limit(filter.limit)
        .offset(filter.offset),
      this.db.select({ n: count() }).from(users).where(where),
    ]);
    return { rows, total: totals[0]?.n ?? 0 };
  }

  /** Users whose access changed since `since`, with their auth version (to rebuild the denylist after a restart). */
  async accessChangedSince(since: Date): Promise<{ id: string; authVersion: number }[]> {
    return this.db
      .select({ id: users.id, authVersion: users.authVersion })
      .from(users)
      .where(and(gt(users.updatedAt, since), gt(users.authVersion, 0)));
  }

  /** Every row holding a sealed Plex token, for `medianest secrets rotate`. */
  async sealedPlexTokens(): Promise<{ id: string; plexTokenSealed: string }[]> {
    const rows = await this.db
      .select({ id: users.id, plexTokenSealed: users.plexTokenSealed })
      .from(users)
      .where(isNotNull(users.plexTokenSealed));
    return rows.filter((row): row is { id: string; plexTokenSealed: string } => row.plexTokenSealed !== null);
  }

  async setSealedPlexToken(id: string, sealed: string): Promise<void> {
    await this.db.update(users).set({ plexTokenSealed: sealed }).where(eq(users.id, id));
  }
}
