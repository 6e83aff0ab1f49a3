import { z } from 'zod';

export const IdentitySchema = z.object({
  MediaContainer: z.object({
    machineIdentifier: z.string().min(1),
    version: z.string().nullish(),
    claimed: z.boolean().nullish(),
  }),
});

export const ServerInfoSchema = z.object({
  MediaContainer: z.object({
    machineIdentifier: z.string().min(1),
    friendlyName: z.string().nullish(),
    version: z.string().nullish(),
  }),
});

const idString = z.union([z.string(), z.number()]).transform(String);

/** One item of `/status/sessions` (ids as strings there, see upstream-apis.md §1.12). */
export const SessionItemSchema = z.object({
  sessionKey: idString,
  ratingKey: idString,
  type: z.string(),
  title: z.string(),
  grandparentTitle: z.string().nullish(),
  parentIndex: z.number().nullish(),
  index: z.number().nullish(),
  year: z.number().nullish(),
  thumb: z.string().nullish(),
  grandparentThumb: z.string().nullish(),
  duration: z.number().nullish(),
  viewOffset: z.number().nullish(),
  librarySectionTitle: z.string().nullish(),
  Media: z
    .array(
      z.object({
        videoResolution: z.string().nullish(),
        Part: z.array(z.object({ decision: z.string().nullish() })).nullish(),
      }),
    )
    .nullish(),
  User: z.object({ id: idString, title: z.string(), thumb: z.string().nullish() }),
  Player: z.object({
    state: z.string(),
    title: z.string().nullish(),
    product: z.string().nullish(),
    platform: z.string().nullish(),
    local: z.boolean().nullish(),
  }),
  Session: z.object({ id: z.string(), bandwidth: z.number().nullish(), location: z.string().nullish() }).nullish(),
  TranscodeSession: z.object({ progress: z.number().nullish(), speed: z.number().nullish() }).nullish(),
});

export const SessionsSchema = z.object({
  MediaContainer: z.object({ size: z.number(), Metadata: z.array(SessionItemSchema).nullish() }),
});

/** `{"NotificationContainer": {type, …}}` from `/:/websockets/notifications`; only the type matters here. */
export const NotificationSchema = z.object({
  NotificationContainer: z.object({ type: z.string() }).loose(),
});
