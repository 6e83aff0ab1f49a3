import { and, count, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { users, type UserRow } from './users.tables.js';

export class UsersRepository {
  constructor(private readonly db: Database) {}

  async findById(id: string): Promise<UserRow | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.id, id)).limit(1);
    return row;
  }

  /** True once an enabled admin exists: until then every page leads to the setup wizard. */
  async hasAdmin(): Promise<boolean> {
    const [row] = await this.db
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, 'admin'), isNull(users.disabledAt)));
    return (row?.n ?? 0) > 0;
  }
}
