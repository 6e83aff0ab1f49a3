/** Overseerr's enums and records, as its source defines them. */
export const RequestStatus = { PENDING: 1, APPROVED: 2, DECLINED: 3, FAILED: 4 } as const;
export const MediaStatus = { UNKNOWN: 1, PENDING: 2, PROCESSING: 3, PARTIALLY_AVAILABLE: 4, AVAILABLE: 5 } as const;
export type MediaStatusName = keyof typeof MediaStatus;

export const Permission = {
  NONE: 0, ADMIN: 2, MANAGE_USERS: 8, MANAGE_REQUESTS: 16, REQUEST: 32, VOTE: 64, AUTO_APPROVE: 128,
  AUTO_APPROVE_MOVIE: 256, AUTO_APPROVE_TV: 512, REQUEST_4K: 1024, REQUEST_4K_MOVIE: 2048, REQUEST_4K_TV: 4096,
  REQUEST_ADVANCED: 8192, REQUEST_VIEW: 16384, AUTO_APPROVE_4K: 32768, AUTO_APPROVE_4K_MOVIE: 65536,
  AUTO_APPROVE_4K_TV: 131072, REQUEST_MOVIE: 262144, REQUEST_TV: 524288, MANAGE_ISSUES: 1048576,
  VIEW_ISSUES: 2097152, CREATE_ISSUES: 4194304, AUTO_REQUEST: 8388608, AUTO_REQUEST_MOVIE: 16777216,
  AUTO_REQUEST_TV: 33554432, RECENT_VIEW: 67108864, WATCHLIST_VIEW: 134217728,
} as const;

/** Webhook notification types (bitmask values). */
export const NotificationType = {
  MEDIA_PENDING: 2, MEDIA_APPROVED: 4, MEDIA_AVAILABLE: 8, MEDIA_FAILED: 16, TEST_NOTIFICATION: 32,
  MEDIA_DECLINED: 64, MEDIA_AUTO_APPROVED: 128, ISSUE_CREATED: 256, ISSUE_COMMENT: 512, ISSUE_RESOLVED: 1024,
  ISSUE_REOPENED: 2048, MEDIA_AUTO_REQUESTED: 4096,
} as const;
export type NotificationTypeName = keyof typeof NotificationType;

export function hasPermission(permissions: number, ...wanted: number[]): boolean {
  if (permissions & Permission.ADMIN) return true;
  return wanted.some((p) => (permissions & p) === p);
}

export interface OverseerrUser {
  id: number;
  email: string;
  plexUsername: string | null;
  plexId: number | null;
  avatar: string;
  permissions: number;
  userType: 1 | 2;
  movieQuotaLimit: number | null;
  movieQuotaDays: number | null;
  tvQuotaLimit: number | null;
  tvQuotaDays: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface OverseerrMedia {
  id: number;
  mediaType: 'movie' | 'tv';
  tmdbId: number;
  tvdbId: number | null;
  imdbId: string | null;
  status: number;
  status4k: number;
  ratingKey: string | null;
  createdAt: string;
  updatedAt: string;
  mediaAddedAt: string | null;
  seasons: { id: number; seasonNumber: number; status: number; status4k: number; createdAt: string; updatedAt: string }[];
}

export interface OverseerrRequest {
  id: number;
  status: number;
  type: 'movie' | 'tv';
  is4k: boolean;
  mediaId: number;
  requestedById: number;
  modifiedById: number | null;
  seasons: { id: number; seasonNumber: number; status: number; createdAt: string; updatedAt: string }[];
  createdAt: string;
  updatedAt: string;
}
