import { describe, expect, it } from "vitest";
import { runningMalloc } from "./malloc.js";

describe("runningMalloc", () => {
  it("reads the library from the process's mappings", () => {
    const maps = "7f00-7f01 r-xp 0 08:01 42 /usr/lib/x86_64-linux-gnu/libjemalloc.so.2\n";
    expect(runningMalloc(() => maps)).toBe("jemalloc");
    expect(
      runningMalloc(() => "7f00-7f01 r-xp 0 08:01 7 /usr/lib/x86_64-linux-gnu/libc.so.6\n"),
    ).toBe("system");
  });

  it("says system where there is no /proc", () => {
    expect(
      runningMalloc(() => {
        throw new Error("ENOENT");
      }),
    ).toBe("system");
  });
});
