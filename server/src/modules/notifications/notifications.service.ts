import {
  NOTIFICATION_EVENTS,
  notificationTypeInfo,
  notificationTypes,
  type Notification,
  type NotificationPreferences,
  type NotificationType,
} from '@medianest/contracts';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import type { Principal } from '../../platform/http/principal.js';
import { AppError } from '../../platform/http/errors.js';
import type { Logger } from '../../platform/observability/logger.js';
import type { PushTarget } from '../realtime/index.js';
import type { UserRow, UsersRepository } from '../users/index.js';
import type { ChannelsService } from './notifications.channels.js';
import type { DeliveriesRepository, NewDelivery } from './notifications.deliveries.js';
import type { OutboundMessage } from './notifications.render.js';
import type { NotificationsRepository } from './notifications.repository.js';
import type { NotificationRow } from './notifications.tables.js';

export interface NotifyInput {
  to: { userId: string } | { role: 'admin' };
  type: NotificationType;
  title: string;
  body: string;
  /** A path inside MediaNest (`/requests/…`) or an absolute URL. */
  link?: string | null;
}

export interface NotificationsDeps {
  db: Database;
  repository: NotificationsRepository;
  deliveries: DeliveriesRepository;
  channels: ChannelsService;
  users: UsersRepository;
  live: { push(target: PushTarget): Promise<number | null> };
  clock: Clock;
  logger: Logger;
  publicUrl: string | undefined;
}

export function toNotificationDto(row: NotificationRow): Notification {
  return {
    id: row.id,
    type: row.type as NotificationType,
    title: row.title,
    body: row.body,
    link: row.link,
    read: row.readAt !== null,
    createdAt: row.createdAt.toISOString(),
  };
}

const notFound = () => new AppError('NOT_FOUND', 'There is no such notification. It may have been deleted.');
const IN_APP = 'in-app';

/**
 * Notifications: persisted per user (the bell), pushed live to every open tab, and queued for the
 * outbound channels each recipient opted into. Other contexts call `notify`.
 */
export class NotificationsService {
  constructor(private readonly deps: NotificationsDeps) {}

  /** Creates the notification for each recipient, as their preferences say. Returns the bell rows made. */
  async notify(input: NotifyInput): Promise<NotificationRow[]> {
    const info = notificationTypeInfo[input.type];
    const recipients = (await this.recipients(input.to)).filter((user) => !info.adminOnly || user.role === 'admin');
    if (recipients.length === 0) return [];
    const stored = await this.deps.repository.preferences(recipients.map((user) => user.id));
    const choice = (userId: string, channel: string) =>
      stored.find((p) => p.userId === userId && p.type === input.type && p.channel === channel)?.enabled ??
      (channel === IN_APP ? info.defaultOn : false);
    const channels = (await this.deps.channels.list()).filter((channel) => channel.enabled);
    const now = this.deps.clock.now();
    const link = input.link ?? null;

    const created = await this.deps.db.transaction(async (tx) => {
      const repository = this.deps.repository.with(tx);
      const rows: NotificationRow[] = [];
      const outbound: NewDelivery[] = [];
      for (const user of recipients) {
        if (choice(user.id, IN_APP)) {
          rows.push(await repository.insert({ userId: user.id, type: input.type, title: input.title, body: input.body, link, createdAt: now }));
        }
        const message: OutboundMessage = {
          type: input.type,
          title: input.title,
          body: input.body,
          link: this.absolute(link),
          username: user.displayName ?? user.username,
          createdAt: now.toISOString(),
        };
        for (const channel of channels) {
          if (!choice(user.id, channel.id)) continue;
          outbound.push({ channelId: channel.id, userId: user.id, username: user.username, type: input.type, payload: message, nextAttemptAt: now });
        }
      }
      await this.deps.deliveries.with(tx).enqueue(outbound);
      return rows;
    });

    for (const row of created) {
      try {
        await this.deps.live.push({
          namespace: '/notifications',
          event: NOTIFICATION_EVENTS.created,
          rooms: [`user:${row.userId}`],
          data: { notification: toNotificationDto(row), unreadCount: await this.deps.repository.unreadCount(row.userId) },
          persist: true,
        });
      } catch (error) {
        // The notification is stored: the bell shows it on the next load even if the push failed.
        this.deps.logger.warn({ err: error, notificationId: row.id }, 'could not push a notification live');
      }
    }
    return created;
  }

  async list(principal: Principal, query: { unread?: 'true' | 'false'; limit: number; offset: number }) {
    const [{ rows, total }, unreadCount] = await Promise.all([
      this.deps.repository.list(principal.userId, { unreadOnly: query.unread === 'true', limit: query.limit, offset: query.offset }),
      this.deps.repository.unreadCount(principal.userId),
    ]);
    return { notifications: rows.map(toNotificationDto), total, unreadCount };
  }

  unreadCount(principal: Principal): Promise<number> {
    return this.deps.repository.unreadCount(principal.userId);
  }

  async markRead(principal: Principal, id: string): Promise<{ notification: Notification; unreadCount: number }> {
    const row = await this.deps.repository.markRead(principal.userId, id, this.deps.clock.now());
    if (!row) throw notFound();
    const unreadCount = await this.changed(principal.userId);
    return { notification: toNotificationDto(row), unreadCount };
  }

  async markAllRead(principal: Principal): Promise<{ updated: number; unreadCount: number }> {
    const updated = await this.deps.repository.markAllRead(principal.userId, this.deps.clock.now());
    return { updated, unreadCount: await this.changed(principal.userId) };
  }

  async delete(principal: Principal, id: string): Promise<void> {
    if (!(await this.deps.repository.delete(principal.userId, id))) throw notFound();
    await this.changed(principal.userId);
  }

  async preferences(principal: Principal): Promise<NotificationPreferences> {
    const stored = await this.deps.repository.preferences([principal.userId]);
    const channels = (await this.deps.channels.list()).filter((channel) => channel.enabled);
    const types = notificationTypes.filter((type) => principal.role === 'admin' || !notificationTypeInfo[type].adminOnly);
    const channelIds = [IN_APP, ...channels.map((channel) => channel.id)];
    return {
      channels: [
        { id: IN_APP, name: 'In MediaNest', kind: 'in-app' },
        ...channels.map((channel) => ({ id: channel.id, name: channel.name, kind: channel.kind })),
      ],
      types: types.map((type) => ({ type, label: notificationTypeInfo[type].label })),
      preferences: types.flatMap((type) =>
        channelIds.map((channel) => ({
          type,
          channel,
          enabled:
            stored.find((p) => p.type === type && p.channel === channel)?.enabled ??
            (channel === IN_APP ? notificationTypeInfo[type].defaultOn : false),
        })),
      ),
    };
  }

  async savePreferences(
    principal: Principal,
    entries: { type: NotificationType; channel: string; enabled: boolean }[],
  ): Promise<NotificationPreferences> {
    const known = new Set([IN_APP, ...(await this.deps.channels.list()).filter((c) => c.enabled).map((c) => c.id)]);
    const unknown = entries.find((entry) => !known.has(entry.channel));
    if (unknown) {
      throw new AppError('VALIDATION_FAILED', `body.preferences: there is no channel ${unknown.channel}. Reload the page to see the current channels.`);
    }
    const forbidden = entries.find((entry) => principal.role !== 'admin' && notificationTypeInfo[entry.type].adminOnly);
    if (forbidden) throw new AppError('VALIDATION_FAILED', `body.preferences: ${forbidden.type} notifications go to administrators only.`);
    // The last entry for a type and channel wins.
    const unique = new Map(entries.map((entry) => [`${entry.type} ${entry.channel}`, entry]));
    await this.deps.repository.savePreferences(principal.userId, [...unique.values()]);
    return this.preferences(principal);
  }

  /** Tells the user's other tabs the unread count changed; returns it. */
  private async changed(userId: string): Promise<number> {
    const unreadCount = await this.deps.repository.unreadCount(userId);
    await this.deps.live
      .push({ namespace: '/notifications', event: NOTIFICATION_EVENTS.changed, rooms: [`user:${userId}`], data: { unreadCount }, persist: false })
      .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'could not push the unread count'));
    return unreadCount;
  }

  private async recipients(to: NotifyInput['to']): Promise<UserRow[]> {
    if ('userId' in to) {
      const user = await this.deps.users.findById(to.userId);
      return user && !user.disabledAt ? [user] : [];
    }
    const { rows } = await this.deps.users.list({ role: 'admin', status: 'active', limit: 200, offset: 0 });
    return rows;
  }

  private absolute(link: string | null): string | null {
    if (!link || /^https?:\/\//.test(link) || !this.deps.publicUrl) return link;
    return new URL(link, this.deps.publicUrl).toString();
  }
}
