import { describe, expect, it } from "vitest";
import { resolveStaticPath } from "./staticFiles.js";

describe("resolveStaticPath", () => {
  it("maps URL paths to files under the root", () => {
    expect(resolveStaticPath("/app/dist", "/assets/index-abc.js")).toBe(
      "/app/dist/assets/index-abc.js",
    );
  });

  it.each([
    "/../secret",
    "/assets/../../etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/a%00b",
    "/%E0%A4%A",
  ])("refuses %j", (path) => {
    expect(resolveStaticPath("/app/dist", path)).toBeUndefined();
  });
});
