import { RedisStartError } from "./broker/redis/openScaleOut.js";
import { ConfigError, loadConfig } from "./config.js";
import { createLogger } from "./logger.js";
import { startServer } from "./startServer.js";
import { DatabaseStartError } from "./store/storeErrors.js";

// CLI entry: `pnpm dev` / `pnpm start`. Configuration comes from environment variables only.
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const log = createLogger(config.logLevel, process.stdout.isTTY);
  const server = await startServer(config, { logger: log });
  process.stdout.write(`Duplex server listening on ${server.httpUrl} (WebSocket ${server.url})\n`);

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "signal received");
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((err: unknown) => {
  // An unreachable or unmigratable database is an operator's problem: its message says it all.
  const operatorError = err instanceof DatabaseStartError || err instanceof RedisStartError;
  console.error(operatorError ? err.message : err);
  process.exit(1);
});
