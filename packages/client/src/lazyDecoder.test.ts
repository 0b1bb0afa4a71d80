import { describe, expect, it, vi } from "vitest";

import type * as LazyDecoderModule from "./lazyDecoder.js";

type LazyDecoder = typeof LazyDecoderModule;

/** A fresh copy of the module, so each test sees the decoder unloaded at first. */
async function freshModule(): Promise<LazyDecoder> {
  vi.resetModules();
  return import("./lazyDecoder.js");
}

describe("lazy server decoder", () => {
  it("checks only the envelope until the zod decoder has loaded", async () => {
    const { decodeServerFrame, serverDecoder } = await freshModule();
    expect(serverDecoder()).toBeUndefined();
    expect(decodeServerFrame("not json")).toMatchObject({ ok: false, error: { code: "bad_json" } });
    expect(decodeServerFrame("[1]")).toMatchObject({
      ok: false,
      error: { code: "invalid_message" },
    });
    expect(decodeServerFrame('{"type":1}')).toMatchObject({ ok: false });
    expect(decodeServerFrame('{"type":"welcome"}')).toMatchObject({ ok: true });
  });

  it("fully validates every frame once loaded", async () => {
    const { decodeServerFrame, loadServerDecoder, serverDecoder } = await freshModule();
    await loadServerDecoder();
    expect(serverDecoder()).toBeDefined();
    expect(decodeServerFrame('{"type":"welcome"}')).toMatchObject({
      ok: false,
      error: { code: "invalid_message" },
    });
    expect(decodeServerFrame('{"type":"nope"}')).toMatchObject({
      ok: false,
      error: { code: "unknown_type" },
    });
  });

  it("loads the decoder only once however many clients ask", async () => {
    const { loadServerDecoder } = await freshModule();
    expect(loadServerDecoder()).toBe(loadServerDecoder());
    expect(await loadServerDecoder()).toBe(await loadServerDecoder());
  });
});
