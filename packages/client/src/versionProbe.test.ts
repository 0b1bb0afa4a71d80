import { CloseCode } from "@duplex/protocol";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { advance, connected, flush, harness } from "../test/harness.js";
import { FakePeer } from "./fakePeer.js";
import type { FetchLike } from "./types.js";
import { protocolInfoUrl, supportsSubprotocol } from "./versionProbe.js";

/** A fetch answering `GET /api/protocol` with these subprotocols, recording the URLs asked. */
function serverSpeaking(subprotocols: string[]): FetchLike & { urls: string[] } {
  const urls: string[] = [];
  const fetch = (url: string) => {
    urls.push(url);
    return Promise.resolve({
      ok: true,
      json: () => Promise.resolve({ protocolVersion: 2, subprotocols }),
    });
  };
  return Object.assign(fetch, { urls });
}

describe("protocolInfoUrl", () => {
  it("maps ws to http and wss to https on the same host", () => {
    expect(protocolInfoUrl("ws://127.0.0.1:8080/ws")).toBe("http://127.0.0.1:8080/api/protocol");
    expect(protocolInfoUrl("wss://chat.example/ws")).toBe("https://chat.example/api/protocol");
    expect(protocolInfoUrl("not a url")).toBeUndefined();
  });
});

describe("supportsSubprotocol", () => {
  it("is false only when the server answers without our subprotocol", async () => {
    expect(await supportsSubprotocol(serverSpeaking(["duplex.v2"]), "ws://h/ws")).toBe(false);
    expect(await supportsSubprotocol(serverSpeaking(["duplex.v2", "duplex.v1"]), "ws://h/ws")).toBe(
      true,
    );
  });

  it("is unknown when the server is down, has no endpoint or answers nonsense", async () => {
    const down: FetchLike = () => Promise.reject(new TypeError("fetch failed"));
    const missing: FetchLike = () =>
      Promise.resolve({ ok: false, json: () => Promise.resolve({}) });
    const nonsense: FetchLike = () =>
      Promise.resolve({ ok: true, json: () => Promise.resolve({ hello: "world" }) });
    for (const fetch of [down, missing, nonsense]) {
      expect(await supportsSubprotocol(fetch, "ws://h/ws")).toBeUndefined();
    }
  });
});

describe("client version probe", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("stops retrying with 4426 when the server no longer lists duplex.v1", async () => {
    const fetch = serverSpeaking(["duplex.v2"]);
    const h = harness({ fetch }, { peer: new FakePeer({ autoAccept: false }) });
    h.client.connect();
    h.peer.last.drop(); // the upgrade was refused: the socket never opened
    await flush();
    expect(fetch.urls).toEqual(["http://fake/api/protocol"]);
    expect(h.client.state).toMatchObject({
      status: "closed",
      lastClose: { code: CloseCode.UpgradeRequired, retryable: false },
    });
    await advance(120_000);
    expect(h.peer.sockets).toHaveLength(1);
  });

  it("keeps retrying when the server still speaks our version (it refused for another reason)", async () => {
    const fetch = serverSpeaking(["duplex.v1"]);
    const h = harness({ fetch }, { peer: new FakePeer({ autoAccept: false }) });
    h.client.connect();
    h.peer.last.drop();
    await flush();
    expect(fetch.urls).toHaveLength(1);
    expect(h.client.state.status).toBe("reconnecting");
    await advance(1_000);
    expect(h.peer.sockets).toHaveLength(2);
  });

  it("does not probe after a socket that had opened", async () => {
    const fetch = serverSpeaking(["duplex.v2"]);
    const h = await connected({ fetch });
    h.peer.last.drop();
    await flush();
    expect(fetch.urls).toEqual([]);
    expect(h.client.state.status).toBe("reconnecting");
  });
});
