import { webcrypto } from "node:crypto";
import { describe, expect, it } from "vitest";
import { RFC_ACCEPT, RFC_KEY } from "../test/inspectorFixtures.js";
import { computeAccept } from "./acceptKey.js";

// jsdom's window may lack SubtleCrypto; Node's Web Crypto is the same API the browser has.
const subtle = webcrypto.subtle as SubtleCrypto;

describe("Sec-WebSocket-Accept (RFC 6455 §1.3)", () => {
  it("matches the RFC's example key", async () => {
    expect(await computeAccept(RFC_KEY, subtle)).toBe(RFC_ACCEPT);
  });

  it("differs for any other key", async () => {
    expect(await computeAccept("AAAAAAAAAAAAAAAAAAAAAA==", subtle)).not.toBe(RFC_ACCEPT);
  });
});
