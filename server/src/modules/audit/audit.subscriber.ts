import type { DomainEvents, EventBus, EventMeta, EventName } from '../../platform/events/event-bus.js';
import type { Logger } from '../../platform/observability/logger.js';
import type { AuditEntry, AuditLog } from './audit.service.js';

type Mapping<K extends EventName> = (payload: DomainEvents[K]) => AuditEntry | undefined;

/**
 * Which domain events enter the audit trail, and how. The one place security and admin events become
 * audit rows; the request id comes from the event's metadata.
 */
const mappings: { [K in EventName]?: Mapping<K> } = {
  'user.loggedIn': (e) => ({
    action: 'auth.login',
    outcome: 'success',
    actorUserId: e.userId,
    actorLabel: e.username,
    targetType: 'session',
    targetId: e.sessionId,
    ip: e.ip,
    details: { method: e.method, device: e.deviceName },
  }),
  'user.loginFailed': (e) => ({
    action: 'auth.login',
    outcome: e.reason === 'bad-credentials' ? 'failure' : 'denied',
    actorUserId: e.userId,
    actorLabel: e.username,
    ip: e.ip,
    details: { method: e.method, reason: e.reason },
  }),
  'user.loggedOut': (e) => ({
    action: 'auth.logout',
    outcome: 'success',
    actorUserId: e.userId,
    targetType: 'session',
    targetId: e.sessionId,
    ip: e.ip,
  }),
  'session.revoked': (e) =>
    // A sign-out is recorded as auth.logout already.
    e.reason === 'logout'
      ? undefined
      : {
          action: 'auth.session.revoked',
          outcome: 'success',
          actorUserId: e.actorUserId,
          targetType: 'session',
          targetId: e.sessionId,
          ip: e.ip,
          details: { reason: e.reason, userId: e.userId },
        },
  'refreshToken.reused': (e) => ({
    action: 'auth.refresh-token.reused',
    outcome: 'denied',
    targetType: 'session',
    targetId: e.sessionId,
    ip: e.ip,
    details: { userId: e.userId, effect: 'session revoked' },
  }),
  'apiKey.created': (e) => ({
    action: 'auth.api-key.created',
    outcome: 'success',
    actorUserId: e.userId,
    targetType: 'api-key',
    targetId: e.apiKeyId,
    ip: e.ip,
    details: { name: e.name, scopes: e.scopes },
  }),
  'apiKey.revoked': (e) => ({
    action: 'auth.api-key.revoked',
    outcome: 'success',
    actorUserId: e.actorUserId,
    targetType: 'api-key',
    targetId: e.apiKeyId,
    ip: e.ip,
    details: { userId: e.userId },
  }),
  'plex.serverConfigured': (e) => ({
    action: 'settings.plex-server',
    outcome: 'success',
    actorUserId: e.actorUserId,
    targetType: 'plex-server',
    targetId: e.machineIdentifier,
    ip: e.ip,
    details: { name: e.name, via: e.via },
  }),
  'user.created': (e) => ({
    action: 'users.created',
    outcome: 'success',
    actorUserId: e.actorUserId,
    targetType: 'user',
    targetId: e.userId,
    ip: e.ip,
    details: { username: e.username, role: e.role, via: e.via },
  }),
  'user.roleChanged': (e) => ({
    action: 'users.role.changed',
    outcome: 'success',
    actorUserId: e.actorUserId,
    targetType: 'user',
    targetId: e.userId,
    ip: e.ip,
    details: { from: e.from, to: e.to },
  }),
  'user.permissionsChanged': (e) => ({
    action: 'users.permissions.changed',
    outcome: 'success',
    actorUserId: e.actorUserId,
    targetType: 'user',
    targetId: e.userId,
    ip: e.ip,
    details: { from: e.from, to: e.to },
  }),
  'user.disabled': (e) => ({
    action: 'users.disabled',
    outcome: 'success',
    actorUserId: e.actorUserId,
    targetType: 'user',
    targetId: e.userId,
    ip: e.ip,
  }),
  'settings.changed': (e) => ({
    action: e.removed ? 'settings.removed' : 'settings.changed',
    outcome: 'success',
    actorUserId: e.actorUserId,
    targetType: 'setting',
    targetId: e.key,
  }),
  'notificationChannel.changed': (e) => ({
    action: `notifications.channel.${e.change}`,
    outcome: 'success',
    actorUserId: e.actorUserId,
    targetType: 'notification-channel',
    targetId: e.channelId,
    ip: e.ip,
    details: { name: e.name, kind: e.kind },
  }),
  'notificationDelivery.deadLettered': (e) => ({
    action: 'notifications.delivery.dead',
    outcome: 'failure',
    actorLabel: 'delivery worker',
    targetType: 'notification-delivery',
    targetId: e.deliveryId,
    details: { channelId: e.channelId, channel: e.channelName, attempts: e.attempts, error: e.error },
  }),
  'notificationDelivery.retried': (e) => ({
    action: 'notifications.delivery.retried',
    outcome: 'success',
    actorUserId: e.actorUserId,
    targetType: 'notification-delivery',
    targetId: e.deliveryId,
    ip: e.ip,
    details: { channelId: e.channelId },
  }),
  'user.enabled': (e) => ({
    action: 'users.enabled',
    outcome: 'success',
    actorUserId: e.actorUserId,
    targetType: 'user',
    targetId: e.userId,
    ip: e.ip,
  }),
};

/** Records the mapped events in the audit trail; returns a function that stops listening. */
export function recordAuditTrail(events: EventBus, audit: AuditLog, logger: Logger): () => void {
  const stops = (Object.keys(mappings) as EventName[]).map((name) =>
    events.subscribe(name, async (payload: unknown, meta: EventMeta) => {
      const map = mappings[name] as Mapping<typeof name> | undefined;
      const entry = map?.(payload as DomainEvents[typeof name]);
      if (!entry) return;
      try {
        await audit.record({ ...entry, requestId: meta.requestId ?? null });
      } catch (error) {
        logger.error({ err: error, event: name, eventId: meta.id }, 'could not write the audit row');
        throw error;
      }
    }),
  );
  return () => stops.forEach((stop) => stop());
}
