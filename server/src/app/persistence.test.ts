import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../platform/config/config.js';
import { createMediaNest } from './composition.js';

describe('embedded mode (PGlite on disk)', () => {
  it('keeps data across a stop and a start, with no configuration but a data directory', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'mn-embedded-'));
    const config = loadConfig({
      env: {},
      file: path.join(dataDir, 'absent.json'),
      overrides: { dataDir, port: 0, host: '127.0.0.1', logLevel: 'silent' },
    });
    try {
      const first = await createMediaNest({ config });
      expect(first.platform.database.driver).toBe('pglite');
      expect(first.platform.cache.driver).toBe('memory');
      await first.settings.set('demo.greeting', { text: 'hello' });
      await first.settings.set('demo.secret', 'sealed-value', { secret: true });
      await first.stop();

      const second = await createMediaNest({ config });
      expect(await second.settings.get('demo.greeting', z.object({ text: z.string() }))).toEqual({ text: 'hello' });
      // The generated secret key was kept in the data directory, so the secret still opens.
      expect(await second.settings.get('demo.secret', z.string())).toBe('sealed-value');
      await second.stop();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
