import { pino, type Logger } from "pino";
import type { LogLevel } from "./config.js";

export type { Logger };

/** Structured JSON logs; human-readable through pino-pretty when a person is watching a terminal. */
export function createLogger(level: LogLevel, pretty = false): Logger {
  return pino({
    level,
    base: { service: "duplex-server" },
    ...(pretty
      ? { transport: { target: "pino-pretty", options: { translateTime: "HH:MM:ss.l" } } }
      : {}),
  });
}
