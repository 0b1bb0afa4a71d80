import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { nginxConf } from "./nginxConf.js";

const NGINX = "/usr/sbin/nginx";
const hasNginx = spawnSync(NGINX, ["-v"]).status === 0;

describe("nginxConf", () => {
  const conf = nginxConf({
    port: 8080,
    upstreams: [8081, 8082],
    dir: "/tmp/x",
    heartbeatMs: 25_000,
  });

  it("passes the WebSocket upgrade through to every node with timeouts above the heartbeat", () => {
    expect(conf).toContain("proxy_set_header Upgrade $http_upgrade;");
    expect(conf).toContain("proxy_set_header Connection $connection_upgrade;");
    expect(conf).toContain("proxy_http_version 1.1;");
    expect(conf).toContain("server 127.0.0.1:8081");
    expect(conf).toContain("server 127.0.0.1:8082");
    expect(conf).toContain("proxy_read_timeout 55s;");
  });

  it("is accepted by nginx -t", () => {
    // Required, never skipped: `bash scripts/test-all.sh` installs nginx.
    if (!hasNginx) throw new Error("nginx is not installed (bash scripts/test-all.sh installs it)");
    const dir = mkdtempSync(join(tmpdir(), "duplex-nginx-"));
    try {
      const file = join(dir, "nginx.conf");
      writeFileSync(
        file,
        nginxConf({ port: 0, upstreams: [1], dir, heartbeatMs: 1000 }).replace(
          "listen 127.0.0.1:0",
          "listen 127.0.0.1:65500",
        ),
      );
      const result = spawnSync(NGINX, ["-t", "-c", file, "-p", dir], { encoding: "utf8" });
      expect(result.stderr).toContain("test is successful");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
