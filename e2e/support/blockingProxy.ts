import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  child,
  freePort,
  waitForPort,
  type Service,
} from "../../apps/server/src/bin/cluster/services.js";
import { nginxConf } from "./nginx.js";

const NGINX = "/usr/sbin/nginx";

/** nginx in front of `upstream` that answers every WebSocket upgrade 403, as a blocking proxy does. */
export async function startBlockingProxy(upstream: number): Promise<{
  url: string;
  stop(): Promise<void>;
}> {
  const dir = mkdtempSync(join(tmpdir(), "duplex-e2e-block-"));
  const port = await freePort();
  const conf = join(dir, "nginx.conf");
  writeFileSync(
    conf,
    nginxConf(
      dir,
      256,
      `  # An upload chunk (32 KiB + header) stays in memory rather than in a temp file.
  client_body_buffer_size 64k;
  server {
    listen 127.0.0.1:${port};
    location / {
      if ($http_upgrade != "") { return 403; }
      proxy_pass http://127.0.0.1:${upstream};
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_read_timeout 60s;
      proxy_buffering off;
    }
  }
`,
    ),
  );
  const nginx: Service = child("nginx", NGINX, ["-c", conf, "-p", dir]);
  await waitForPort(port, "nginx");
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      await nginx.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
