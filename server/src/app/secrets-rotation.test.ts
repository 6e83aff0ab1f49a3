import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../platform/config/config.js';
import { parseKey, SecretBox } from '../platform/crypto/secret-box.js';
import { createLogger } from '../platform/observability/logger.js';
import { createMediaNest } from './composition.js';
import { rotateSecrets } from './secrets-rotation.js';

describe('an interrupted secrets rotation', () => {
  it('still opens secrets sealed with the pending key, and running it again finishes the rotation', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'mn-rotate-'));
    const config = loadConfig({ env: {}, file: path.join(dataDir, 'none.json'), overrides: { dataDir, logLevel: 'silent', port: 0 } });
    try {
      const first = await createMediaNest({ config });
      await first.settings.set('services.kuma.apiKey', 'kuma-secret', { secret: true });
      const oldKey = parseKey(readFileSync(path.join(dataDir, 'secret.key'), 'utf8'));
      await first.stop();

      // As if the last run died after committing the re-seal but before replacing secret.key.
      const pending = randomBytes(32);
      writeFileSync(path.join(dataDir, 'secret.key.next'), pending.toString('base64'));
      const resealedByCrashedRun = new SecretBox(pending, [oldKey]).seal('kuma-secret-2');
      const third = await createMediaNest({ config });
      // The server opens both: values under the old key and values already under the pending key.
      expect(third.platform.secrets.open(resealedByCrashedRun)).toBe('kuma-secret-2');
      expect(await third.settings.get('services.kuma.apiKey', z.string())).toBe('kuma-secret');
      await third.stop();

      const result = await rotateSecrets(config, createLogger('silent'), undefined);
      expect(result.toKeyId).toBe(SecretBox.idOf(pending));
      expect(parseKey(readFileSync(path.join(dataDir, 'secret.key'), 'utf8')).equals(pending)).toBe(true);
      const fourth = await createMediaNest({ config });
      expect(fourth.platform.secrets.keyId).toBe(SecretBox.idOf(pending));
      expect(await fourth.settings.get('services.kuma.apiKey', z.string())).toBe('kuma-secret');
      await fourth.stop();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
