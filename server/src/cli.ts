#!/usr/bin/env -S node --max-semi-space-size=4
import { ConfigError, describeConfig, loadConfig } from './platform/config/config.js';
import { createMediaNest, type Role } from './app/composition.js';
import { openDatabase } from './platform/db/database.js';
import { version } from './app/version.js';
import { adminCommand, authCommand, CliError, commandsHelp, secretsCommand, type CliIo } from './app/cli-commands.js';

const help = `MediaNest ${version}: a portal for the people who share one Plex server.

Usage: medianest <command>

Commands:
  start      API and background worker in one process (default)
  api        HTTP API and web app only
  worker     background work only (schedules, queues)
  migrate    apply database migrations and exit
${commandsHelp}
  --help     this text

Configuration comes from environment variables, or from medianest.config.json
(keys in brackets), environment first:
  ${describeConfig().join('\n  ')}
`;

async function run(argv: string[]): Promise<number> {
  const command = argv[0] ?? 'start';
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(help);
    return 0;
  }
  if (command === '--version') {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  const config = loadConfig();
  if (command === 'migrate') {
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      await database.migrate();
      const status = await database.migrationStatus();
      process.stdout.write(`Migrations applied on ${database.driver}: ${status.applied} of ${status.expected}\n`);
    } finally {
      await database.close();
    }
    return 0;
  }
  const io: CliIo = {
    env: process.env,
    stdin: process.stdin,
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  };
  if (command === 'admin') return adminCommand(argv.slice(1), config, io);
  if (command === 'secrets') return secretsCommand(argv.slice(1), config, io);
  if (command === 'auth') return authCommand(argv.slice(1), config, io);
  const roles: Record<string, Role> = { start: 'all', api: 'api', worker: 'worker' };
  const role = roles[command];
  if (!role) {
    process.stderr.write(`Unknown command "${command}".\n\n${help}`);
    return 2;
  }
  const mediaNest = await createMediaNest({ config, role });
  const started = await mediaNest.start();
  if (started) process.stdout.write(`MediaNest is running at ${started.url}\n`);
  await new Promise<void>((resolve) => {
    const shutdown = (signal: NodeJS.Signals) => {
      mediaNest.platform.logger.info({ signal }, 'shutting down');
      resolve();
    };
    process.once('SIGTERM', shutdown);
    process.once('SIGINT', shutdown);
  });
  await mediaNest.stop();
  return 0;
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof CliError) process.stderr.write(`${error.message}\n`);
    else process.stderr.write(`MediaNest could not start: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
