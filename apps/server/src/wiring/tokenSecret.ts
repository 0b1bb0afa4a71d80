import { randomBytes } from "node:crypto";
import { ConfigError, type Config } from "../config.js";
import type { Logger } from "../logger.js";
import { devTokenSecret } from "../session/devTokenSecret.js";

/** The configured token secret, or (outside production) a development one, with a warning. */
export function resolveTokenSecret(config: Config, log: Logger): string {
  if (config.tokenSecret !== undefined) return config.tokenSecret;
  // Also checked by loadConfig(env); this covers embedders that pass overrides only.
  if (process.env.NODE_ENV === "production") {
    throw new ConfigError("Invalid configuration: TOKEN_SECRET: required when NODE_ENV=production");
  }
  if (config.databaseUrl === undefined) {
    const dev = devTokenSecret(config.dbPath);
    log.warn(
      { file: dev.file },
      "TOKEN_SECRET is not set: using a development secret kept beside the database",
    );
    return dev.secret;
  }
  log.warn("TOKEN_SECRET is not set: using a random one, so tokens stop working on restart");
  return randomBytes(32).toString("base64url");
}
