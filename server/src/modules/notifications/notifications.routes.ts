import {
  createNotificationChannel,
  deleteNotification,
  deleteNotificationChannel,
  getNotificationPreferences,
  getUnreadCount,
  listNotificationChannels,
  listNotificationDeliveries,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  retryNotificationDelivery,
  updateNotificationChannel,
  updateNotificationPreferences,
} from '@medianest/contracts';
import type { Clock } from '../../platform/clock.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import { AppError } from '../../platform/http/errors.js';
import { reply, type ApiRouter } from '../../platform/http/router.js';
import { toChannelDto, type ChannelsService } from './notifications.channels.js';
import { toDeliveryDto, type DeliveriesRepository } from './notifications.deliveries.js';
import type { NotificationsService } from './notifications.service.js';

export interface NotificationsRoutesDeps {
  service: NotificationsService;
  channels: ChannelsService;
  deliveries: DeliveriesRepository;
  events: EventBus;
  clock: Clock;
}

export function registerNotificationsRoutes(router: ApiRouter, deps: NotificationsRoutesDeps): void {
  const { service, channels, deliveries } = deps;
  router.handle(listNotifications, ({ principal, query }) => service.list(principal, query));
  router.handle(getUnreadCount, async ({ principal }) => ({ unreadCount: await service.unreadCount(principal) }));
  // Fixed paths before /notifications/:id so that "read-all" and "preferences" are never read as ids.
  router.handle(markAllNotificationsRead, ({ principal }) => service.markAllRead(principal));
  router.handle(getNotificationPreferences, ({ principal }) => service.preferences(principal));
  router.handle(updateNotificationPreferences, ({ principal, body }) => service.savePreferences(principal, body.preferences));
  router.handle(markNotificationRead, ({ principal, params }) => service.markRead(principal, params.id));
  router.handle(deleteNotification, async ({ principal, params }) => {
    await service.delete(principal, params.id);
    return reply(204, undefined);
  });

  router.handle(listNotificationChannels, async () => ({ channels: (await channels.list()).map(toChannelDto) }));
  router.handle(createNotificationChannel, async ({ principal, body, ip, requestId }) =>
    reply(201, toChannelDto(await channels.create(body, { userId: principal.userId, ip, requestId }))),
  );
  router.handle(updateNotificationChannel, async ({ principal, params, body, ip, requestId }) =>
    toChannelDto(await channels.update(params.id, body, { userId: principal.userId, ip, requestId })),
  );
  router.handle(deleteNotificationChannel, async ({ principal, params, ip, requestId }) => {
    await channels.delete(params.id, { userId: principal.userId, ip, requestId });
    return reply(204, undefined);
  });

  router.handle(listNotificationDeliveries, async ({ query }) => {
    const { rows, total } = await deliveries.list(query);
    return { deliveries: rows.map(toDeliveryDto), total };
  });
  router.handle(retryNotificationDelivery, async ({ principal, params, ip, requestId }) => {
    const delivery = await deliveries.get(params.id);
    if (!delivery) throw new AppError('NOT_FOUND', 'There is no such delivery. Reload the list.');
    if (delivery.status === 'sent') throw new AppError('CONFLICT', 'This delivery was sent already; there is nothing to retry.');
    await deliveries.requeue(delivery.id, deps.clock.now());
    await deps.events.publish(
      'notificationDelivery.retried',
      { deliveryId: delivery.id, channelId: delivery.channelId, actorUserId: principal.userId, ip },
      { requestId },
    );
    return toDeliveryDto((await deliveries.get(delivery.id))!);
  });
}
