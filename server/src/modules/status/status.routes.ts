import {
  createCustomCheck,
  deleteCustomCheck,
  deleteService,
  getNowPlaying,
  getServicesSettings,
  getStatusOverview,
  testCustomCheck,
  testService,
  updateCustomCheck,
  updateKumaService,
  updateOverseerrService,
  updatePlexService,
  updateTmdbService,
} from '@medianest/contracts';
import { reply, type ApiRouter } from '../../platform/http/router.js';
import type { NowPlayingService } from './status.now-playing.js';
import type { StatusService } from './status.service.js';

export function registerStatusRoutes(router: ApiRouter, status: StatusService, nowPlaying: NowPlayingService, changed: () => void): void {
  const after = async <T>(work: Promise<T>): Promise<T> => {
    const result = await work;
    changed();
    return result;
  };
  router.handle(getStatusOverview, ({ principal }) => status.overview(principal));
  router.handle(getNowPlaying, ({ principal }) => nowPlaying.forPrincipal(principal));
  router.handle(getServicesSettings, () => status.settings());
  router.handle(updatePlexService, ({ body, principal }) => after(status.updatePlex(body, principal)));
  router.handle(updateOverseerrService, ({ body, principal }) => after(status.updateOverseerr(body, principal)));
  router.handle(updateKumaService, ({ body, principal }) => after(status.updateKuma(body, principal)));
  router.handle(updateTmdbService, ({ body, principal }) => after(status.updateTmdb(body, principal)));
  // Custom checks first, so that "checks" is never read as a service name.
  router.handle(createCustomCheck, async ({ body }) => reply(201, await after(status.createCheck(body))));
  router.handle(updateCustomCheck, ({ params, body }) => after(status.updateCheck(params.id, body)));
  router.handle(deleteCustomCheck, async ({ params }) => {
    await after(status.deleteCheck(params.id));
    return reply(204, null);
  });
  router.handle(testCustomCheck, ({ params }) => status.testCheck(params.id));
  router.handle(deleteService, ({ params, principal }) => after(status.remove(params.service, principal)));
  router.handle(testService, ({ params }) => status.test(params.service));
}
