import type { Level } from "pino";
import type { Logger } from "../logger.js";

/** The logger methods a socket's code uses. */
export type ConnectionLogger = Pick<Logger, "debug" | "info" | "warn" | "error">;

/**
 * A socket's logger (every line carries `conn`) whose pino child is made on the first line that is
 * actually written: a `welcome` logged at info on a server logging only errors makes no child. A pino
 * child costs ~0.5 KiB, on every idle connection otherwise.
 */
export class ConnectionLog implements ConnectionLogger {
  #child: Logger | undefined;

  constructor(
    private readonly parent: Logger,
    private readonly connId: string,
  ) {}

  debug(...args: unknown[]): void {
    this.#write("debug", args);
  }

  info(...args: unknown[]): void {
    this.#write("info", args);
  }

  warn(...args: unknown[]): void {
    this.#write("warn", args);
  }

  error(...args: unknown[]): void {
    this.#write("error", args);
  }

  #write(level: Level, args: unknown[]): void {
    if (!this.parent.isLevelEnabled(level)) return;
    this.#child ??= this.parent.child({ conn: this.connId });
    const write: (...a: unknown[]) => void = this.#child[level];
    write.apply(this.#child, args);
  }
}
