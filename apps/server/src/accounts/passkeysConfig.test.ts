import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../config.js";
import { relyingParty } from "./relyingParty.js";
import type { IncomingMessage } from "node:http";

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe("passkey relying party", () => {
  it("takes WEBAUTHN_RP_ID and WEBAUTHN_ORIGIN over whatever Host a request names", () => {
    const { passkeys } = loadConfig({
      WEBAUTHN_RP_ID: "Chat.Example.com",
      WEBAUTHN_ORIGIN: "https://chat.example.com/",
    });
    expect(relyingParty(passkeys, request({ host: "evil.example" }))).toEqual({
      id: "chat.example.com",
      origin: "https://chat.example.com",
    });
  });

  it("derives both from Host and X-Forwarded-Proto when unset", () => {
    const { passkeys } = loadConfig({});
    expect(relyingParty(passkeys, request({ host: "localhost:8787" }))).toEqual({
      id: "localhost",
      origin: "http://localhost:8787",
    });
    const proxied = request({ host: "chat.example.com", "x-forwarded-proto": "https, http" });
    expect(relyingParty(passkeys, proxied)).toEqual({
      id: "chat.example.com",
      origin: "https://chat.example.com",
    });
  });

  it("refuses a malformed value at start, naming the variable", () => {
    expect(() => loadConfig({ WEBAUTHN_ORIGIN: "chat.example.com" })).toThrow(ConfigError);
    expect(() => loadConfig({ WEBAUTHN_RP_ID: "https://chat.example.com" })).toThrow(
      /WEBAUTHN_RP_ID/,
    );
  });
});
