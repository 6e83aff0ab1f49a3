import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import { AuditLog } from '../modules/audit/index.js';
import { ChannelsService } from '../modules/notifications/index.js';
import { SettingsService } from '../modules/settings/index.js';
import { UsersRepository } from '../modules/users/index.js';
import type { Config } from '../platform/config/config.js';
import { loadPendingKey, loadSecretKey, parseKey, pendingKeyFile, SecretBox } from '../platform/crypto/secret-box.js';
import { openDatabase } from '../platform/db/database.js';
import { InProcessEventBus } from '../platform/events/in-process-bus.js';
import type { Logger } from '../platform/observability/logger.js';

export interface RotationResult {
  mode: 'file' | 'env';
  fromKeyId: string;
  toKeyId: string;
  settings: number;
  plexTokens: number;
  /** Outbound notification channels (webhook URLs, custom header values). */
  notificationChannels: number;
  /** File mode: where the old key was moved (delete it once backups no longer need it). */
  retiredKeyFile?: string;
  /** Env mode: the key to put in MEDIANEST_SECRET_KEY now. */
  newKey?: string;
}

export class RotationError extends Error {}

function writeKeyFile(file: string, key: Buffer): void {
  const fd = openSync(file, 'w', 0o600);
  try {
    writeSync(fd, `${key.toString('base64')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Re-seals every stored secret (users' Plex tokens, secret settings such as the Plex server token and
 * service API keys) under a new key, in one database transaction.
 *
 * - Key in the data directory (no MEDIANEST_SECRET_KEY): the new key is written to `secret.key.next`
 *   first, the database is re-sealed, then it becomes `secret.key` and the old key is kept as
 *   `secret.key.retired-<id>`. Interrupted at any point, running it again finishes the job (the
 *   server opens secrets with the pending key meanwhile).
 * - Key in MEDIANEST_SECRET_KEY: the new key comes from MEDIANEST_NEW_SECRET_KEY (or is generated
 *   and printed); afterwards MEDIANEST_SECRET_KEY must be set to it.
 */
export async function rotateSecrets(config: Config, logger: Logger, newKeyText: string | undefined): Promise<RotationResult> {
  const mode = config.secretKey ? 'env' : 'file';
  const current = loadSecretKey(config.secretKey, config.dataDir);
  const pending = mode === 'file' ? loadPendingKey(config.dataDir) : undefined;
  let next: Buffer;
  if (pending) {
    next = pending;
  } else if (newKeyText) {
    if (!/^([A-Za-z0-9+/]{43}=|[0-9a-fA-F]{64})$/.test(newKeyText.trim())) {
      throw new RotationError('MEDIANEST_NEW_SECRET_KEY must be 32 bytes as base64 (44 characters) or hex (64 characters).');
    }
    next = parseKey(newKeyText);
  } else {
    next = randomBytes(32);
  }
  if (next.equals(current.key)) throw new RotationError('The new key is the same as the current one. Give a different key.');
  if (mode === 'file' && !pending) writeKeyFile(pendingKeyFile(config.dataDir), next);

  const box = new SecretBox(next, [current.key, ...config.previousSecretKeys.map(parseKey)]);
  const fromKeyId = SecretBox.idOf(current.key);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolMax: 2 });
  let counts: { settings: number; plexTokens: number; notificationChannels: number };
  try {
    await database.migrate();
    const events = new InProcessEventBus(logger);
    counts = await database.db.transaction(async (tx) => {
      const settings = await new SettingsService(tx, box, events).resealSecrets();
      const users = new UsersRepository(tx);
      let plexTokens = 0;
      for (const row of await users.sealedPlexTokens()) {
        if (!box.isStale(row.plexTokenSealed)) continue;
        await users.setSealedPlexToken(row.id, box.seal(box.open(row.plexTokenSealed)));
        plexTokens += 1;
      }
      const notificationChannels = await new ChannelsService(tx, box, events, { now: () => new Date() }).resealSecrets();
      return { settings, plexTokens, notificationChannels };
    });
    await new AuditLog(database.db).record({
      action: 'secrets.rotated',
      outcome: 'success',
      actorLabel: 'medianest secrets rotate',
      details: { fromKeyId, toKeyId: box.keyId, mode, ...counts },
    });
  } finally {
    await database.close();
  }

  const result: RotationResult = { mode, fromKeyId, toKeyId: box.keyId, ...counts };
  if (mode === 'file') {
    const keyFile = path.join(config.dataDir, 'secret.key');
    const retired = path.join(config.dataDir, `secret.key.retired-${fromKeyId}`);
    // Keep a copy of the old key first, then replace the key file in one atomic rename: there is no
    // moment without a secret.key (a start then would generate a fresh, useless one).
    if (!existsSync(retired)) writeKeyFile(retired, current.key);
    renameSync(pendingKeyFile(config.dataDir), keyFile);
    result.retiredKeyFile = retired;
  } else {
    result.newKey = next.toString('base64');
  }
  return result;
}
