import { getUser, importPlexUsers, listPlexImportCandidates, listUsers, updateUser } from '@medianest/contracts';
import type { ApiRouter } from '../../platform/http/router.js';
import type { UsersService } from './users.service.js';

export function registerUsersRoutes(router: ApiRouter, users: UsersService): void {
  router.handle(listUsers, ({ query }) => users.list(query));
  // Registered before /users/:id so that "plex-import" is never read as an id.
  router.handle(listPlexImportCandidates, async () => ({ candidates: await users.plexImportCandidates() }));
  router.handle(importPlexUsers, async ({ principal, body, ip, requestId }) => ({
    imported: await users.importFromPlex(principal, body.plexIds, { ip, requestId }),
  }));
  router.handle(getUser, ({ params }) => users.get(params.id));
  router.handle(updateUser, ({ principal, params, body, ip, requestId }) =>
    users.update(principal, params.id, body, { ip, requestId }),
  );
}
