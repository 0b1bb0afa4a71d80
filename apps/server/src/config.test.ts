import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";
import { itRejectsVariables } from "../test/support/configRejects.js";

describe("loadConfig", () => {
  it("applies the defaults for an empty environment", () => {
    const config = loadConfig({}, "/srv/duplex");
    expect(config).toMatchObject({
      port: 8080,
      host: "127.0.0.1",
      dbPath: resolve("/srv/duplex", ".data/duplex.db"),
      logLevel: "info",
      tokenSecret: undefined,
      heartbeatMs: 25_000,
      tokenTtlMs: 7 * 24 * 60 * 60 * 1000,
      permessageDeflate: false,
      helloTimeoutMs: 5_000,
      durability: "power",
      sqliteBusyTimeoutMs: 5_000,
      sqliteCacheMib: 16,
    });
    expect(config.allowedOrigins).toEqual([
      "http://localhost:5173",
      "http://127.0.0.1:5173",
      "http://localhost:8080",
      "http://127.0.0.1:8080",
    ]);
    expect(config.webDist).toMatch(/apps[/\\]web[/\\]dist$/);
  });

  it("reads every variable", () => {
    const config = loadConfig(
      {
        PORT: "9000",
        HOST: "0.0.0.0",
        DB_PATH: "/var/lib/duplex.db",
        ALLOWED_ORIGINS: "https://chat.example, http://localhost:3000",
        LOG_LEVEL: "debug",
        TOKEN_SECRET: "s".repeat(32),
        HEARTBEAT_MS: "1000",
        TOKEN_TTL_MS: "60000",
        WEB_DIST: "web",
        PERMESSAGE_DEFLATE: "true",
      },
      "/srv",
    );
    expect(config).toMatchObject({
      port: 9000,
      host: "0.0.0.0",
      dbPath: "/var/lib/duplex.db",
      logLevel: "debug",
      tokenSecret: "s".repeat(32),
      heartbeatMs: 1000,
      tokenTtlMs: 60_000,
      webDist: "/srv/web",
      permessageDeflate: true,
    });
    // The actual port's own origins are always allowed.
    expect(config.allowedOrigins).toEqual([
      "https://chat.example",
      "http://localhost:3000",
      "http://localhost:9000",
      "http://127.0.0.1:9000",
    ]);
  });

  it("selects Postgres with a postgres:// DATABASE_URL, SQLite without", () => {
    const url = "postgresql://duplex:pw@db.internal:5432/duplex";
    expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
    expect(loadConfig({}).databaseUrl).toBeUndefined();
  });

  it("in production: no dev origins, a 32-character ADMIN_TOKEN, /metrics and stats closed", () => {
    const prod = { NODE_ENV: "production", TOKEN_SECRET: "s".repeat(32) };
    expect(() => loadConfig({ ...prod, ADMIN_TOKEN: "short-but-8+" })).toThrow(
      /ADMIN_TOKEN: must be at least 32 characters when NODE_ENV=production/,
    );
    const config = loadConfig({ ...prod, ADMIN_TOKEN: "a".repeat(32) });
    expect(config.allowedOrigins).toEqual([]);
    expect(config.production).toBe(true);
    expect(config.metrics).toEqual({ token: undefined, port: undefined, open: false });
    expect(config.statsTopic).toBe("admins");
    expect(() => loadConfig({ METRICS_TOKEN: "too-short" })).toThrow(/METRICS_TOKEN/);
    // Development keeps working with no configuration and an 8-character token.
    const dev = loadConfig({ ADMIN_TOKEN: "change-me" });
    expect(dev.allowedOrigins).toContain("http://localhost:5173");
    expect(dev.metrics.open).toBe(true);
    expect(dev.statsTopic).toBe("everyone");
  });

  it("treats empty variables as unset", () => {
    expect(loadConfig({ PORT: "", TOKEN_SECRET: " " }).port).toBe(8080);
  });

  itRejectsVariables([
    ["PORT", "eighty"],
    ["PORT", "70000"],
    ["LOG_LEVEL", "loud"],
    ["HEARTBEAT_MS", "-5"],
    ["TOKEN_SECRET", "short"],
    ["PERMESSAGE_DEFLATE", "maybe"],
    ["ALLOWED_ORIGINS", "not an origin"],
    ["DATABASE_URL", "mysql://db/duplex"],
    ["DATABASE_URL", "localhost:5432"],
  ]);

  it("reads DURABILITY and refuses an unknown mode, naming the variable", () => {
    expect(loadConfig({ DURABILITY: "process" }).durability).toBe("process");
    expect(() => loadConfig({ DURABILITY: "fast" })).toThrow(/DURABILITY/);
  });
});
