import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { nginxConf } from "../../src/bin/cluster/nginxConf.js";
import { freePort, waitForPort } from "../../src/bin/cluster/services.js";

const NGINX = "/usr/sbin/nginx";

export const hasNginx = spawnSync(NGINX, ["-v"]).status === 0;

/** Debian's nginx in front of `upstreams` (ports on 127.0.0.1), with `pnpm cluster`'s config. */
export async function startTestNginx(
  upstreams: number[],
  /** Answer every WebSocket upgrade 403, as a proxy that blocks WebSocket does. */
  options: { refuseUpgrades?: boolean } = {},
): Promise<{ httpUrl: string; wsUrl: string; [Symbol.asyncDispose](): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), "duplex-nginx-"));
  const port = await freePort();
  const conf = join(dir, "nginx.conf");
  let text = nginxConf({ port, upstreams, dir, heartbeatMs: 25_000 });
  if (options.refuseUpgrades === true) {
    text = text.replace(
      "location / {",
      'location / {\n      if ($http_upgrade != "") { return 403; }',
    );
  }
  writeFileSync(conf, text);
  const child = spawn(NGINX, ["-c", conf, "-p", dir], { stdio: "ignore" });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await waitForPort(port, "nginx", 10_000);
  return {
    httpUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    [Symbol.asyncDispose]: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
