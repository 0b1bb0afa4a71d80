import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { testWorld } from "./support/testWorld.js";
import { builtWebApp } from "./support/builtWebApp.js";

describe("serving the built web app", () => {
  it("serves files with their content type, index.html for client routes, and no traversal", async () => {
    using app = builtWebApp();
    writeFileSync(join(app.dir, "secret.txt"), "top secret");
    await using world = await testWorld({ config: { webDist: app.webDist } });
    const { server } = world;

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
