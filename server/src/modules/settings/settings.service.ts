import { eq, like } from 'drizzle-orm';
import type { z } from 'zod';
import type { SecretBox } from '../../platform/crypto/secret-box.js';
import type { Database } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import './settings.events.js';
import { settings } from './settings.tables.js';

export interface SetOptions {
  /** Seal the value with the SecretBox; it is then only ever read back on the server. */
  secret?: boolean;
  actorUserId?: string | null;
}

/** Runtime settings in the database; secrets sealed at rest. */
export class SettingsService {
  constructor(
    private readonly db: Database,
    private readonly secrets: SecretBox,
    private readonly events: EventBus,
  ) {}

  /** The value under `key`, parsed with `schema`; undefined when unset or no longer valid. */
  async get<S extends z.ZodType>(key: string, schema: S): Promise<z.output<S> | undefined> {
    const [row] = await this.db.select().from(settings).where(eq(settings.key, key)).limit(1);
    if (!row) return undefined;
    const raw = row.encrypted ? (JSON.parse(this.secrets.open(row.value as string)) as unknown) : row.value;
    const parsed = schema.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  }

  async isSet(key: string): Promise<boolean> {
    const [row] = await this.db.select({ key: settings.key }).from(settings).where(eq(settings.key, key)).limit(1);
    return row !== undefined;
  }

  async set(key: string, value: unknown, options: SetOptions = {}): Promise<void> {
    const stored = options.secret ? this.secrets.seal(JSON.stringify(value)) : value;
    const row = {
      key,
      value: stored,
      encrypted: options.secret ?? false,
      updatedAt: new Date(),
      updatedBy: options.actorUserId ?? null,
    };
    await this.db.insert(settings).values(row).onConflictDoUpdate({ target: settings.key, set: row });
    await this.events.publish('settings.changed', { key, actorUserId: options.actorUserId ?? null, removed: false });
  }

  async remove(key: string, actorUserId: string | null = null): Promise<void> {
    await this.db.delete(settings).where(eq(settings.key, key));
    await this.events.publish('settings.changed', { key, actorUserId, removed: true });
  }

  /** Keys under a prefix (`services.`), with whether each holds a secret. */
  async list(prefix: string): Promise<{ key: string; encrypted: boolean; updatedAt: Date }[]> {
    return this.db
      .select({ key: settings.key, encrypted: settings.encrypted, updatedAt: settings.updatedAt })
      .from(settings)
      .where(like(settings.key, `${prefix.replace(/[%_]/g, '\\$&')}%`));
  }

  /** Re-seals every secret setting under the current key; returns how many were rewritten. */
  async resealSecrets(): Promise<number> {
    const rows = await this.db.select().from(settings).where(eq(settings.encrypted, true));
    let count = 0;
    for (const row of rows) {
      const sealed = row.value as string;
      if (!this.secrets.isStale(sealed)) continue;
      await this.db
        .update(settings)
        .set({ value: this.secrets.seal(this.secrets.open(sealed)) })
        .where(eq(settings.key, row.key));
      count += 1;
    }
    return count;
  }
}
