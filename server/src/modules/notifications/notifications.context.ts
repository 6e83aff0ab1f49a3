import { NOTIFICATION_EVENTS } from '@medianest/contracts';
import { z } from 'zod';
import type { Clock } from '../../platform/clock.js';
import type { SecretBox } from '../../platform/crypto/secret-box.js';
import type { Database } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import type { ApiRouter } from '../../platform/http/router.js';
import type { Logger } from '../../platform/observability/logger.js';
import type { RealtimeServer } from '../realtime/index.js';
import type { UsersRepository } from '../users/index.js';
import { ChannelsService } from './notifications.channels.js';
import { DeliveriesRepository } from './notifications.deliveries.js';
import { NotificationsRepository } from './notifications.repository.js';
import { registerNotificationsRoutes } from './notifications.routes.js';
import { NotificationsService, type NotifyInput } from './notifications.service.js';
import type { NotificationRow } from './notifications.tables.js';
import { DeliveryWorker, type DeliveryPolicy } from './notifications.worker.js';

export interface NotificationsContextDeps {
  db: Database;
  events: EventBus;
  secrets: SecretBox;
  clock: Clock;
  logger: Logger;
  users: UsersRepository;
  realtime: Pick<RealtimeServer, 'push' | 'forward' | 'onClientEvent'>;
  publicUrl: string | undefined;
  deliveryPolicy?: Partial<DeliveryPolicy>;
  fetch?: typeof fetch;
}

/** The notifications context's service interface. */
export interface NotificationsContext {
  /** For every context: tell users (or the admins) something happened. */
  notify(input: NotifyInput): Promise<NotificationRow[]>;
  readonly service: NotificationsService;
  readonly channels: ChannelsService;
  readonly worker: DeliveryWorker;
  registerRoutes(router: ApiRouter): void;
  /** Starts the delivery worker (roles all and worker); returns the stop function. */
  startDeliveries(pollMs: number): () => Promise<void>;
}

export function createNotificationsContext(deps: NotificationsContextDeps): NotificationsContext {
  const repository = new NotificationsRepository(deps.db);
  const deliveries = new DeliveriesRepository(deps.db);
  const channels = new ChannelsService(deps.db, deps.secrets, deps.events, deps.clock);
  const service = new NotificationsService({
    db: deps.db,
    repository,
    deliveries,
    channels,
    users: deps.users,
    live: deps.realtime,
    clock: deps.clock,
    logger: deps.logger,
    publicUrl: deps.publicUrl,
  });
  const worker = new DeliveryWorker({
    deliveries,
    channels,
    events: deps.events,
    clock: deps.clock,
    logger: deps.logger,
    ...(deps.deliveryPolicy ? { policy: deps.deliveryPolicy } : {}),
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });

  // Tabs mark a notification read over the socket too; the other tabs hear the new unread count.
  deps.realtime.onClientEvent('/notifications', NOTIFICATION_EVENTS.markRead, {
    schema: z.object({ id: z.uuid({ error: 'must be a notification id' }) }),
    handle: async ({ id }, caller) => ({ unreadCount: (await service.markRead(caller.principal, id)).unreadCount }),
  });
  // The admin's deliveries page updates live when a delivery gives up.
  deps.realtime.forward('notificationDelivery.deadLettered', {
    namespace: '/admin',
    event: 'notification-delivery:dead',
    rooms: () => ['role:admin'],
    persist: false,
  });

  return {
    notify: (input) => service.notify(input),
    service,
    channels,
    worker,
    registerRoutes(router) {
      registerNotificationsRoutes(router, { service, channels, deliveries, events: deps.events, clock: deps.clock });
    },
    startDeliveries: (pollMs) => worker.start(pollMs),
  };
}
