import { describe, expect, it } from "vitest";
import { JEMALLOC_CONF, allocatorEnv, jemallocCandidates } from "./allocator.js";

const DEBIAN = "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2";
const only = (path: string) => (p: string) => p === path;

describe("allocatorEnv", () => {
  it("preloads the first jemalloc the machine has", () => {
    expect(allocatorEnv({}, only(DEBIAN), "x64")).toEqual({
      LD_PRELOAD: DEBIAN,
      MALLOC_CONF: JEMALLOC_CONF,
    });
    expect(allocatorEnv({}, only("/usr/lib/libjemalloc.so.2"), "x64")).toMatchObject({
      LD_PRELOAD: "/usr/lib/libjemalloc.so.2",
    });
  });

  it("keeps a preload already set, behind jemalloc, and the operator's jemalloc options", () => {
    expect(allocatorEnv({ LD_PRELOAD: "/opt/trace.so" }, only(DEBIAN), "x64")).toMatchObject({
      LD_PRELOAD: `${DEBIAN} /opt/trace.so`,
    });
    expect(allocatorEnv({ MALLOC_CONF: "narenas:2" }, only(DEBIAN), "x64")).toMatchObject({
      MALLOC_CONF: "narenas:2",
    });
  });

  it("adds nothing when jemalloc is preloaded already, refused, or absent", () => {
    expect(allocatorEnv({ LD_PRELOAD: "/x/libjemalloc.so.2" }, only(DEBIAN), "x64")).toEqual({});
    expect(allocatorEnv({ DUPLEX_MALLOC: "system" }, only(DEBIAN), "x64")).toEqual({});
    expect(allocatorEnv({}, () => false, "x64")).toEqual({});
  });

  it("names a wrong choice instead of guessing", () => {
    expect(() => allocatorEnv({ DUPLEX_MALLOC: "tcmalloc" }, only(DEBIAN))).toThrow(
      "DUPLEX_MALLOC must be jemalloc or system, not 'tcmalloc'",
    );
  });
});

describe("jemallocCandidates", () => {
  it("looks in Debian's multiarch directory of the machine first", () => {
    expect(jemallocCandidates("x64")[0]).toBe(DEBIAN);
    expect(jemallocCandidates("arm64")[0]).toBe("/usr/lib/aarch64-linux-gnu/libjemalloc.so.2");
    expect(jemallocCandidates("riscv64")[0]).toBe("/usr/lib/libjemalloc.so.2");
  });
});
