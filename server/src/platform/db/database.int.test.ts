import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../modules/audit/audit.tables.js';
import { AuditLog } from '../../modules/audit/index.js';
import { users } from '../../modules/users/users.tables.js';
import { createTestDatabase, testDriver } from '../../test-support/test-database.js';
import { createLogger } from '../observability/logger.js';
import { InProcessEventBus } from '../events/in-process-bus.js';
import { queryRows, type DatabaseHandle } from './database.js';
import { inTransaction } from './unit-of-work.js';

declare module '../events/event-bus.js' {
  interface DomainEvents {
    'test.userCreated': { username: string };
  }
}

describe(`database on ${testDriver()}`, () => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(() => handle.close());

  it('runs on the driver the project asked for, with every migration applied', async () => {
    expect(handle.driver).toBe(testDriver());
    const status = await handle.migrationStatus();
    expect(status.expected).toBeGreaterThan(0);
    expect(status.applied).toBe(status.expected);
    // Migrating again is a no-op.
    await handle.migrate();
    expect((await handle.migrationStatus()).applied).toBe(status.expected);
    expect(await handle.ping()).toBeGreaterThanOrEqual(0);
  });

  it('keeps the audit trail append-only: UPDATE, DELETE and TRUNCATE are refused by the database', async () => {
    const id = await new AuditLog(handle.db).record({ action: 'test.done', outcome: 'success', actorLabel: 'tester' });
    // Drizzle wraps the driver's error; the database's own message is its cause.
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => 'accepted',
        (error: Error & { cause?: Error }) => error.cause?.message ?? error.message,
      );
    expect(await refusal(handle.db.update(auditEvents).set({ outcome: 'failure' }).where(eq(auditEvents.id, id)))).toMatch(
      /append-only \(UPDATE refused\)/,
    );
    expect(await refusal(handle.db.delete(auditEvents).where(eq(auditEvents.id, id)))).toMatch(/append-only \(DELETE refused\)/);
    expect(await refusal(handle.db.execute(sql`truncate audit_events`))).toMatch(/append-only \(TRUNCATE refused\)/);
    const [row] = await handle.db.select().from(auditEvents).where(eq(auditEvents.id, id));
    expect(row).toMatchObject({ action: 'test.done', outcome: 'success', actorLabel: 'tester' });
  });

  it('has pg_trgm for fuzzy search', async () => {
    const [row] = await queryRows<{ match: boolean }>(handle.db, sql`select 'Interstellar' % 'interstelar' as match`);
    expect(row?.match).toBe(true);
  });

  it('publishes events recorded in a transaction only after it commits', async () => {
    const bus = new InProcessEventBus(createLogger('silent'));
    const seen: string[] = [];
    bus.subscribe('test.userCreated', (payload) => {
      seen.push(payload.username);
    });
    await inTransaction(handle.db, bus, async (tx, pending) => {
      await tx.insert(users).values({ username: 'committed' });
      pending.add('test.userCreated', { username: 'committed' });
    });
    await expect(
      inTransaction(handle.db, bus, async (tx, pending) => {
        await tx.insert(users).values({ username: 'rolled-back' });
        pending.add('test.userCreated', { username: 'rolled-back' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await bus.idle();
    expect(seen).toEqual(['committed']);
    const names = (await handle.db.select({ username: users.username }).from(users)).map((u) => u.username);
    expect(names).toContain('committed');
    expect(names).not.toContain('rolled-back');
  });

  it('refuses two users whose names differ only by case', async () => {
    await handle.db.insert(users).values({ username: 'Alice' });
    await expect(handle.db.insert(users).values({ username: 'alice' })).rejects.toThrow();
  });
});
