import type { EventBus } from '../platform/events/event-bus.js';
import type { NotificationsContext } from '../modules/notifications/index.js';
import type { RealtimeServer } from '../modules/realtime/index.js';

/**
 * Where one context's events become another's work. Lives in the composition layer so that neither
 * context knows the other: status publishes `service.statusChanged`; realtime and notifications react.
 */
export function wireLiveUpdates(deps: { events: EventBus; realtime: RealtimeServer; notifications: NotificationsContext }): () => void {
  const stops: (() => void)[] = [];
  // Every signed-in tab showing the dashboard refreshes its tiles at once (persisted: a tab that was
  // asleep learns on reconnection that something changed while it was away).
  stops.push(
    deps.realtime.forward('service.statusChanged', {
      namespace: '/media',
      event: 'service:status',
      rooms: () => ['role:user', 'role:admin'],
      persist: true,
    }),
  );
  // Admins hear of outages and recoveries in the bell (and on Discord/webhooks if they opted in).
  stops.push(
    deps.events.subscribe('service.statusChanged', async (change) => {
      if (change.current === change.previous) return;
      if (change.current === 'down') {
        await deps.notifications.notify({
          to: { role: 'admin' },
          type: 'service.down',
          title: `${change.serviceName} is down`,
          body: change.error ?? `${change.serviceName} stopped answering at ${change.at}.`,
          link: '/',
        });
      } else if (change.current === 'up' && change.previous === 'down') {
        await deps.notifications.notify({
          to: { role: 'admin' },
          type: 'service.up',
          title: `${change.serviceName} is back up`,
          body: `${change.serviceName} answers again (${change.at}).`,
          link: '/',
        });
      }
    }),
  );
  return () => {
    for (const stop of stops) stop();
  };
}
