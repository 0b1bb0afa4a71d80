export { startServer } from "./startServer.js";
export type { RunningServer, StartOptions } from "./startServer.js";
export { ConfigError, loadConfig } from "./config.js";
export type { Config, LogLevel } from "./config.js";
