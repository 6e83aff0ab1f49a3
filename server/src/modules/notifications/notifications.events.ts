/** Events of the notifications context. Published after commit; the audit trail records the admin ones. */
declare module '../../platform/events/event-bus.js' {
  interface DomainEvents {
    'notificationChannel.changed': {
      channelId: string;
      name: string;
      kind: 'discord' | 'webhook';
      change: 'created' | 'updated' | 'deleted';
      actorUserId: string;
      ip: string | null;
    };
    /** A delivery gave up after its last attempt (or was refused for good): the admin sees it and may retry. */
    'notificationDelivery.deadLettered': { deliveryId: string; channelId: string; channelName: string; attempts: number; error: string };
    'notificationDelivery.retried': { deliveryId: string; channelId: string; actorUserId: string; ip: string | null };
  }
}
export {};
