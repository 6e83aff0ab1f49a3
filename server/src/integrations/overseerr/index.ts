export {
  OverseerrClient,
  OverseerrStatusSchema,
  type CallOptions,
  type OverseerrConnection,
  type OverseerrRequestCount,
  type OverseerrStatus,
  type OverseerrUser,
} from './overseerr.client.js';
