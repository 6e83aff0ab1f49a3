import { parseArgs } from 'node:util';
import { NewPassword, Username } from '@medianest/contracts';
import { rotateSigningKey } from '../modules/auth/index.js';
import type { Config } from '../platform/config/config.js';
import { AppError } from '../platform/http/errors.js';
import { createLogger } from '../platform/observability/logger.js';
import { createMediaNest } from './composition.js';
import { RotationError, rotateSecrets } from './secrets-rotation.js';

export const commandsHelp = `  admin create [--username <name>]
             create a local administrator (works offline, and when locked out)
  admin password <username>
             set a new password for a local account
             (the password comes from MEDIANEST_ADMIN_PASSWORD, standard input,
             or a prompt)
  secrets rotate
             re-encrypt every stored secret (Plex tokens, service keys) under a
             new key; stop MediaNest first:
             - key in the data directory (default): a new key is generated and
               replaces <data dir>/secret.key; the old one is kept as
               secret.key.retired-<id> until you delete it;
             - key in MEDIANEST_SECRET_KEY: give the new one in
               MEDIANEST_NEW_SECRET_KEY (openssl rand -base64 32), or one is
               generated and printed; then set MEDIANEST_SECRET_KEY to it
               (MEDIANEST_PREVIOUS_SECRET_KEYS may list the old key meanwhile).
             Interrupted? Run it again: it finishes the same rotation.
  auth rotate-signing-key
             add a new access-token signing key (used after a restart); the
             previous keys keep verifying tokens already issued`;

/** A failure the operator can fix: printed as a sentence, exit code 1. */
export class CliError extends Error {}

/** Where a command's input and output go (the process, or a test). */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadStream;
  out(text: string): void;
  err(text: string): void;
}

async function readStdin(stdin: NodeJS.ReadStream): Promise<string> {
  let text = '';
  for await (const chunk of stdin) text += String(chunk);
  return text;
}

/** A line typed without echo on a terminal. */
function promptHidden(io: CliIo, question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const { stdin } = io;
    io.err(question);
    let typed = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          io.err('\n');
          resolve(typed);
          return;
        }
        if (char === '\u0003') {
          stdin.setRawMode(false);
          stdin.off('data', onData);
          reject(new Error('Cancelled.'));
          return;
        }
        if (char === '\u007f') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    stdin.on('data', onData);
  });
}

async function readPassword(io: CliIo): Promise<string> {
  let password: string;
  if (io.env.MEDIANEST_ADMIN_PASSWORD) {
    password = io.env.MEDIANEST_ADMIN_PASSWORD;
  } else if (io.stdin.isTTY) {
    password = await promptHidden(io, 'Password (at least 12 characters): ');
    if ((await promptHidden(io, 'Again: ')) !== password) throw new CliError('The two passwords differ.');
  } else {
    password = (await readStdin(io.stdin)).split(/\r?\n/)[0] ?? '';
  }
  const parsed = NewPassword.safeParse(password);
  if (!parsed.success) throw new CliError(`The password ${parsed.error.issues[0]?.message ?? 'is not valid'}.`);
  return parsed.data;
}

async function withServices<T>(config: Config, work: (mediaNest: Awaited<ReturnType<typeof createMediaNest>>) => Promise<T>): Promise<T> {
  const mediaNest = await createMediaNest({ config, role: 'worker' });
  try {
    return await work(mediaNest);
  } catch (error) {
    if (error instanceof AppError) throw new CliError(error.message);
    throw error;
  } finally {
    await mediaNest.stop();
  }
}

export async function adminCommand(args: string[], config: Config, io: CliIo): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { username: { type: 'string' } } });
  const [action, positionalName] = positionals;
  const username = Username.safeParse(values.username ?? positionalName ?? (action === 'create' ? 'admin' : ''));
  if (action !== 'create' && action !== 'password') throw new CliError('Use "medianest admin create" or "medianest admin password <username>".');
  if (!username.success) throw new CliError(`The username ${username.error.issues[0]?.message ?? 'is not valid'}.`);
  const password = await readPassword(io);
  return withServices(config, async (mediaNest) => {
    if (action === 'create') {
      const user = await mediaNest.auth.setup.createAdminFromCli(username.data, password);
      io.out(`Created the administrator "${user.username}". Sign in with it at /signin (local sign-in).\n`);
    } else {
      const user = await mediaNest.auth.setup.setPasswordFromCli(username.data, password);
      io.out(`Set a new password for "${user.username}".\n`);
    }
    return 0;
  });
}

export async function secretsCommand(args: string[], config: Config, io: CliIo): Promise<number> {
  if (args[0] !== 'rotate') throw new CliError('Use "medianest secrets rotate".');
  const logger = createLogger('warn');
  try {
    const result = await rotateSecrets(config, logger, io.env.MEDIANEST_NEW_SECRET_KEY);
    io.out(
      `Re-encrypted ${result.settings} secret setting(s), ${result.plexTokens} Plex token(s) and ${result.notificationChannels} notification channel(s): key ${result.fromKeyId} → ${result.toKeyId}.\n`,
    );
    if (result.retiredKeyFile) {
      io.out(`The new key is in ${config.dataDir}/secret.key. The old key was kept as ${result.retiredKeyFile}: delete it once no backup needs it.\n`);
    }
    if (result.newKey) {
      io.out(`Now set MEDIANEST_SECRET_KEY to the new key and restart MediaNest:\n${result.newKey}\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof RotationError) throw new CliError(error.message);
    throw error;
  }
}

export async function authCommand(args: string[], config: Config, io: CliIo): Promise<number> {
  if (args[0] !== 'rotate-signing-key') throw new CliError('Use "medianest auth rotate-signing-key".');
  const { kid, kept } = await rotateSigningKey(config.dataDir);
  io.out(`Added signing key ${kid}; it signs after each instance restarts. Keys kept for verification: ${kept.join(', ')}.\n`);
  return 0;
}
