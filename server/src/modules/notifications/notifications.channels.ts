import type { NotificationChannel } from '@medianest/contracts';
import { asc, eq } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.js';
import type { SecretBox } from '../../platform/crypto/secret-box.js';
import type { Database } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import { AppError } from '../../platform/http/errors.js';
import { checkTemplate, DEFAULT_WEBHOOK_TEMPLATE } from './notifications.render.js';
import { notificationChannels, type ChannelRow } from './notifications.tables.js';

export interface ChannelInput {
  kind?: 'discord' | 'webhook';
  name?: string;
  url?: string;
  enabled?: boolean;
  template?: string | null;
  header?: { name: string; value: string } | null;
}

/** A channel ready to send through: secrets opened. Only the delivery worker sees this. */
export interface OpenChannel {
  id: string;
  kind: 'discord' | 'webhook';
  name: string;
  enabled: boolean;
  url: string;
  template: string;
  header: { name: string; value: string } | null;
}

const targetOf = (url: string) => new URL(url).origin;

export function toChannelDto(row: ChannelRow): NotificationChannel {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    enabled: row.enabled,
    target: row.target,
    template: row.kind === 'webhook' ? (row.template ?? DEFAULT_WEBHOOK_TEMPLATE) : null,
    headerName: row.headerName,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const notFound = () => new AppError('NOT_FOUND', 'There is no such notification channel. Reload the list.');

/** Outbound channels, configured by the admin. Secrets are sealed at rest and never returned. */
export class ChannelsService {
  constructor(
    private readonly db: Database,
    private readonly secrets: SecretBox,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<ChannelRow[]> {
    return this.db.select().from(notificationChannels).orderBy(asc(notificationChannels.createdAt));
  }

  async get(id: string): Promise<ChannelRow> {
    const [row] = await this.db.select().from(notificationChannels).where(eq(notificationChannels.id, id));
    if (!row) throw notFound();
    return row;
  }

  async create(input: ChannelInput & { kind: 'discord' | 'webhook'; name: string; url: string }, actor: { userId: string; ip: string | null; requestId?: string }): Promise<ChannelRow> {
    if (input.template) checkTemplate(input.template);
    const now = this.clock.now();
    return inTransaction(
      this.db,
      this.events,
      async (tx, pending) => {
        const [row] = await tx
          .insert(notificationChannels)
          .values({
            kind: input.kind,
            name: input.name,
            enabled: input.enabled ?? true,
            urlSealed: this.secrets.seal(input.url),
            target: targetOf(input.url),
            template: input.template ?? null,
            headerName: input.header?.name ?? null,
            headerValueSealed: input.header ? this.secrets.seal(input.header.value) : null,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        pending.add('notificationChannel.changed', {
          channelId: row!.id,
          name: row!.name,
          kind: row!.kind,
          change: 'created',
          actorUserId: actor.userId,
          ip: actor.ip,
        });
        return row!;
      },
      actor.requestId,
    );
  }

  async update(id: string, input: ChannelInput, actor: { userId: string; ip: string | null; requestId?: string }): Promise<ChannelRow> {
    const current = await this.get(id);
    if (current.kind === 'discord' && (input.template || input.header)) {
      throw new AppError('VALIDATION_FAILED', 'template and header apply to generic webhooks only.');
    }
    if (input.template) checkTemplate(input.template);
    return inTransaction(
      this.db,
      this.events,
      async (tx, pending) => {
        const [row] = await tx
          .update(notificationChannels)
          .set({
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
            ...(input.url !== undefined ? { urlSealed: this.secrets.seal(input.url), target: targetOf(input.url) } : {}),
            ...(input.template !== undefined ? { template: input.template } : {}),
            ...(input.header !== undefined
              ? {
                  headerName: input.header?.name ?? null,
                  headerValueSealed: input.header ? this.secrets.seal(input.header.value) : null,
                }
              : {}),
            updatedAt: this.clock.now(),
          })
          .where(eq(notificationChannels.id, id))
          .returning();
        if (!row) throw notFound();
        pending.add('notificationChannel.changed', {
          channelId: id,
          name: row.name,
          kind: row.kind,
          change: 'updated',
          actorUserId: actor.userId,
          ip: actor.ip,
        });
        return row;
      },
      actor.requestId,
    );
  }

  async delete(id: string, actor: { userId: string; ip: string | null; requestId?: string }): Promise<void> {
    await inTransaction(
      this.db,
      this.events,
      async (tx, pending) => {
        const [row] = await tx.delete(notificationChannels).where(eq(notificationChannels.id, id)).returning();
        if (!row) throw notFound();
        pending.add('notificationChannel.changed', {
          channelId: id,
          name: row.name,
          kind: row.kind,
          change: 'deleted',
          actorUserId: actor.userId,
          ip: actor.ip,
        });
      },
      actor.requestId,
    );
  }

  open(row: ChannelRow): OpenChannel {
    return {
      id: row.id,
      kind: row.kind,
      name: row.name,
      enabled: row.enabled,
      url: this.secrets.open(row.urlSealed),
      template: row.template ?? DEFAULT_WEBHOOK_TEMPLATE,
      header: row.headerName && row.headerValueSealed ? { name: row.headerName, value: this.secrets.open(row.headerValueSealed) } : null,
    };
  }

  /** Re-seals the channels' secrets with the current key (`medianest secrets rotate`); returns how many changed. */
  async resealSecrets(): Promise<number> {
    let changed = 0;
    for (const row of await this.list()) {
      const stale = this.secrets.isStale(row.urlSealed) || (row.headerValueSealed !== null && this.secrets.isStale(row.headerValueSealed));
      if (!stale) continue;
      await this.db
        .update(notificationChannels)
        .set({
          urlSealed: this.secrets.seal(this.secrets.open(row.urlSealed)),
          ...(row.headerValueSealed ? { headerValueSealed: this.secrets.seal(this.secrets.open(row.headerValueSealed)) } : {}),
        })
        .where(eq(notificationChannels.id, row.id));
      changed += 1;
    }
    return changed;
  }
}
