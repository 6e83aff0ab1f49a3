import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SecretBox } from '../../platform/crypto/secret-box.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { InProcessEventBus } from '../../platform/events/in-process-bus.js';
import { createLogger } from '../../platform/observability/logger.js';
import { createTestDatabase } from '../../test-support/test-database.js';
import { SettingsService } from './settings.service.js';
import { settings } from './settings.tables.js';

describe('SettingsService', () => {
  let handle: DatabaseHandle;
  const oldKey = randomBytes(32);
  const bus = new InProcessEventBus(createLogger('silent'));
  const changes: { key: string; removed: boolean }[] = [];
  bus.subscribe('settings.changed', (payload) => {
    changes.push({ key: payload.key, removed: payload.removed });
  });

  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(() => handle.close());

  it('stores plain values as JSON and reads them back through a schema', async () => {
    const service = new SettingsService(handle.db, new SecretBox(oldKey), bus);
    await service.set('services.overseerr.url', { url: 'http://127.0.0.1:5055' });
    expect(await service.get('services.overseerr.url', z.object({ url: z.string() }))).toEqual({
      url: 'http://127.0.0.1:5055',
    });
    expect(await service.get('services.overseerr.url', z.object({ port: z.number() }))).toBeUndefined();
    expect(await service.get('absent', z.string())).toBeUndefined();
    await bus.idle();
    expect(changes).toContainEqual({ key: 'services.overseerr.url', removed: false });
  });

  it('seals secrets at rest: the row holds no clear text', async () => {
    const service = new SettingsService(handle.db, new SecretBox(oldKey), bus);
    await service.set('services.overseerr.apiKey', 'ovr-api-key-123', { secret: true });
    const [row] = await handle.db.select().from(settings).where(eq(settings.key, 'services.overseerr.apiKey'));
    expect(row?.encrypted).toBe(true);
    expect(JSON.stringify(row?.value)).not.toContain('ovr-api-key-123');
    expect(await service.get('services.overseerr.apiKey', z.string())).toBe('ovr-api-key-123');
    expect(await service.isSet('services.overseerr.apiKey')).toBe(true);
  });

  it('re-seals secrets under a new key and lists keys by prefix', async () => {
    const rotated = new SettingsService(handle.db, new SecretBox(randomBytes(32), [oldKey]), bus);
    expect(await rotated.resealSecrets()).toBe(1);
    expect(await rotated.resealSecrets()).toBe(0);
    expect(await rotated.get('services.overseerr.apiKey', z.string())).toBe('ovr-api-key-123');
    const listed = await rotated.list('services.overseerr.');
    expect(listed.map((s) => [s.key, s.encrypted]).sort()).toEqual([
      ['services.overseerr.apiKey', true],
      ['services.overseerr.url', false],
    ]);
    await rotated.remove('services.overseerr.url');
    expect(await rotated.isSet('services.overseerr.url')).toBe(false);
    await bus.idle();
    expect(changes).toContainEqual({ key: 'services.overseerr.url', removed: true });
  });
});
