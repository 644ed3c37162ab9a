#!/usr/bin/env node
import { startServer } from './app.js';
import { ConfigError, loadConfig } from './config/config.js';
import { openStore } from './store/open-store.js';

const USAGE = `usage: tripline <command>

commands:
  serve     migrate the database, then serve the API and the webhook ingress (default)
  migrate   apply pending database migrations and exit
  help      show this text`;

async function main(argv: readonly string[]): Promise<number> {
  const command = argv[0] ?? 'serve';
  switch (command) {
    case 'serve': {
      const server = await startServer({ config: loadConfig() });
      if (server.generatedBootstrapToken !== undefined) {
        // Shown once: only its hash is stored.
        console.log(
          `\nFirst start: the owner's API token of workspace "Default" is\n\n  ${server.generatedBootstrapToken}\n\nKeep it now; it is not shown again. Use it as: Authorization: Bearer <token>\n`,
        );
      }
      server.logger.info({ url: server.url }, 'Tripline is serving');
      const stop = (signal: string) => {
        server.logger.info({ signal }, 'shutting down');
        server.close().then(
          () => process.exit(0),
          (error: unknown) => {
            server.logger.error({ err: error }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
      return -1;
    }
    case 'migrate': {
      const config = loadConfig();
      const store = await openStore({ databaseUrl: config.databaseUrl });
      try {
        const applied = await store.migrate();
        console.log(applied.length === 0 ? 'database is up to date' : `applied: ${applied.join(', ')}`);
      } finally {
        await store.close();
      }
      return 0;
    }
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return 0;
    default:
      console.error(`unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    console.error(error);
    process.exit(1);
  },
);
