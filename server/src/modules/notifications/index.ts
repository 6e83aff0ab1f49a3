import './notifications.events.js';

export { createNotificationsContext, type NotificationsContext, type NotificationsContextDeps } from './notifications.context.js';
export type { NotifyInput } from './notifications.service.js';
export type { DeliveryPolicy } from './notifications.worker.js';
export { ChannelsService } from './notifications.channels.js';
