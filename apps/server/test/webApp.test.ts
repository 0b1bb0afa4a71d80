import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { startTestServer, tempDb } from "./helpers.js";
import { testWorld } from "./support/testWorld.js";

describe("serving the built web app", () => {
  it("serves files with their content type, index.html for client routes, and no traversal", async () => {
    using db = tempDb();
    const webDist = join(dirname(db.path), "dist");
    mkdirSync(join(webDist, "assets"), { recursive: true });
    writeFileSync(join(webDist, "index.html"), "<!doctype html><title>Duplex</title>");
    writeFileSync(join(webDist, "assets", "app.js"), "console.log(1)");
    writeFileSync(join(dirname(db.path), "secret.txt"), "top secret");
    await using server = await startTestServer({ dbPath: db.path, webDist });

    const index = await fetch(`${server.httpUrl}/`);
    expect(index.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await index.text()).toContain("<title>Duplex</title>");

    const js = await fetch(`${server.httpUrl}/assets/app.js`);
    expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");

    const route = await fetch(`${server.httpUrl}/rooms/general`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain("<title>Duplex</title>");

    expect((await fetch(`${server.httpUrl}/assets/missing.js`)).status).toBe(404);
    const traversal = await fetch(`${server.httpUrl}/%2e%2e/secret.txt`);
    expect(traversal.status).toBe(404);
    expect(await traversal.text()).not.toContain("top secret");
  });

  it("answers 404 for pages when no web app is built", async () => {
    await using world = await testWorld({ config: { webDist: "/nonexistent" } });
    expect((await fetch(`${world.server.httpUrl}/`)).status).toBe(404);
  });
});
