import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A minimal built web app (`index.html` and `assets/app.js`) in `dir`/dist of a temp folder `dir`,
 * removed on disposal: `using app = builtWebApp(); testWorld({ config: { webDist: app.webDist } })`.
 */
export function builtWebApp(): { dir: string; webDist: string; [Symbol.dispose](): void } {
  const dir = mkdtempSync(join(tmpdir(), "duplex-web-dist-"));
  const webDist = join(dir, "dist");
  mkdirSync(join(webDist, "assets"), { recursive: true });
  writeFileSync(join(webDist, "index.html"), "<!doctype html><title>Duplex</title>");
  writeFileSync(join(webDist, "assets", "app.js"), "console.log(1)");
  return { dir, webDist, [Symbol.dispose]: () => rmSync(dir, { recursive: true, force: true }) };
}
