export { RealtimeRepository } from './realtime.repository.js';
export {
  RealtimeServer,
  roleRoom,
  sessionRoom,
  userRoom,
  type ConnectionAuthenticator,
  type ForwardRoute,
  type PushTarget,
  type RealtimeDeps,
} from './realtime.server.js';
export type { ClientEventHandler } from './realtime.client-events.js';
