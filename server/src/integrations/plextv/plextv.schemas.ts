import { z } from 'zod';

/** Shapes of plex.tv responses, trimmed to what MediaNest reads (upstream-apis.md §2). Extra keys pass. */
export const PlexTvPinSchema = z.object({
  id: z.number().int(),
  code: z.string().min(1),
  expiresAt: z.string().nullish(),
  expiresIn: z.number().nullish(),
  authToken: z.string().nullish(),
});
export type PlexTvPin = { id: number; code: string; expiresAt: Date; authToken: string | null };

export const PlexTvUserSchema = z.object({
  id: z.number().int(),
  uuid: z.string().nullish(),
  username: z.string().nullish(),
  title: z.string().nullish(),
  friendlyName: z.string().nullish(),
  email: z.string().nullish(),
  thumb: z.string().nullish(),
});
export interface PlexTvAccount {
  id: number;
  uuid: string | null;
  username: string;
  /** The name people know the account by ("Olivia Owner"); the username when there is none. */
  title: string;
  email: string | null;
  thumb: string | null;
}

export const PlexTvResourceSchema = z.object({
  name: z.string(),
  product: z.string().nullish(),
  productVersion: z.string().nullish(),
  clientIdentifier: z.string(),
  provides: z.string().default(''),
  owned: z.boolean().default(false),
  accessToken: z.string().nullish(),
  connections: z
    .array(
      z.object({
        uri: z.string(),
        local: z.boolean().default(false),
        relay: z.boolean().default(false),
      }),
    )
    .default([]),
});
export const PlexTvResourcesSchema = z.array(PlexTvResourceSchema);
export interface PlexTvServer {
  name: string;
  machineIdentifier: string;
  productVersion: string | null;
  owned: boolean;
  accessToken: string | null;
  /** Best first: local, then remote, relays last. */
  connections: { uri: string; local: boolean; relay: boolean }[];
}

/** A user of `/api/users` (XML or JSON) with the servers shared with them. */
export interface PlexTvSharedUser extends PlexTvAccount {
  serverMachineIdentifiers: string[];
}

const numeric = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);
const optionalText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) => (value === undefined || value === null || value === '' ? null : String(value)));

export const SharedUsersSchema = z.object({
  MediaContainer: z.object({
    User: z
      .array(
        z.object({
          id: numeric,
          title: optionalText,
          username: optionalText,
          email: optionalText,
          thumb: optionalText,
          Server: z.array(z.object({ machineIdentifier: z.string() })).default([]),
        }),
      )
      .default([]),
  }),
});

export const FriendsSchema = z.array(
  z.object({
    id: z.number().int(),
    uuid: z.string().nullish(),
    title: z.string().nullish(),
    friendlyName: z.string().nullish(),
    username: z.string().nullish(),
    email: z.string().nullish(),
    thumb: z.string().nullish(),
    sharedServers: z.array(z.object({ machineIdentifier: z.string().optional() }).loose()).default([]),
  }),
);
