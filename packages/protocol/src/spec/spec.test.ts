import { Parser } from "@asyncapi/parser";
import { Ajv, type ValidateFunction } from "ajv";
import { describe, expect, it } from "vitest";
import { decodeClientMessage, decodeServerMessage, encode } from "../codec.js";
import {
  invalidClientFrames,
  toleratedClientFrames,
  toleratedServerFrames,
  validClientMessages,
  validServerMessages,
} from "../fixtures.js";
import { CLIENT_MESSAGE_TYPES, type ClientMessage } from "../clientMessages.js";
import { SERVER_MESSAGE_TYPES, type ServerMessage } from "../serverMessages.js";
import { buildAsyncApiDocument } from "./asyncapi.js";
import { messageSchemas, unionSchema } from "./jsonSchemas.js";

const ajv = new Ajv({ allErrors: false, strict: false });
const validateClient = ajv.compile(unionSchema("client"));
const validateServer = ajv.compile(unionSchema("server"));

/** One direction of the protocol: its decoder, its published schema and its fixtures. */
interface Side {
  side: string;
  tags: string;
  decode: (frame: string) => { ok: boolean };
  validate: ValidateFunction;
  valid: ReadonlyArray<ClientMessage | ServerMessage>;
  tolerated: ReadonlyArray<[string, string, ClientMessage | ServerMessage, string[]]>;
}

describe("the generated AsyncAPI document", () => {
  it("validates with the official AsyncAPI parser, without errors", async () => {
    const parser = new Parser();
    const { document, diagnostics } = await parser.parse(JSON.stringify(buildAsyncApiDocument()));
    const errors = diagnostics.filter((d) => d.severity === 0);
    expect(errors.map((e) => `${e.path.join(".")}: ${e.message}`)).toEqual([]);
    expect(document?.version()).toBe("3.0.0");
    // The official parser takes ~1 s alone and several on a busy 2-core machine.
  }, 30_000);

  it("describes every client and server message", () => {
    const doc = buildAsyncApiDocument();
    const messages = Object.keys((doc.components as { messages: object }).messages);
    for (const type of CLIENT_MESSAGE_TYPES) expect(messages).toContain(`client.${type}`);
    for (const type of SERVER_MESSAGE_TYPES) expect(messages).toContain(`server.${type}`);
  });

  it("lists every close code with whether a client retries it", () => {
    const info = buildAsyncApiDocument().info as {
      "x-close-codes": Array<{ code: number; retryable: boolean }>;
    };
    expect(info["x-close-codes"]).toContainEqual(
      expect.objectContaining({ code: 4401, retryable: false }),
    );
    expect(info["x-close-codes"]).toContainEqual(
      expect.objectContaining({ code: 1001, retryable: true }),
    );
    expect(info["x-close-codes"]).toContainEqual(
      expect.objectContaining({ code: 4426, retryable: false, sentOnWire: false }),
    );
  });

  it("has one JSON Schema per message type", () => {
    expect(Object.keys(messageSchemas("client")).sort()).toEqual([...CLIENT_MESSAGE_TYPES].sort());
    expect(Object.keys(messageSchemas("server")).sort()).toEqual([...SERVER_MESSAGE_TYPES].sort());
  });
});

// The published contract and the running code must give the same verdict on every fixture.
describe("JSON Schema (Ajv) and zod agree on every fixture", () => {
  const sides: Side[] = [
    {
      side: "client",
      tags: "[C1]",
      decode: decodeClientMessage,
      validate: validateClient,
      valid: validClientMessages,
      tolerated: toleratedClientFrames,
    },
    {
      side: "server",
      tags: "[C1] [C3]",
      decode: decodeServerMessage,
      validate: validateServer,
      valid: validServerMessages,
      tolerated: toleratedServerFrames,
    },
  ];

  for (const { side, tags, decode, validate, valid, tolerated } of sides) {
    const bothAccept = (frame: string) => {
      expect(decode(frame).ok).toBe(true);
      expect(validate(JSON.parse(frame)), ajv.errorsText(validate.errors)).toBe(true);
    };
    it.each(valid.map((m) => [m.type, m] as const))(
      `valid ${side} %s: both accept`,
      (_type, message) => bothAccept(encode(message)),
    );
    it.each(tolerated)(`${tags} ${side} frame from a newer peer (%s): both accept`, (_n, frame) =>
      bothAccept(frame),
    );
  }

  const jsonFrames = invalidClientFrames.filter(([, frame]) => {
    try {
      JSON.parse(frame);
      return true;
    } catch {
      return false; // not JSON at all: no schema is consulted, both sides reject it as bad_json
    }
  });

  it.each(jsonFrames)("invalid client frame (%s): both reject", (_name, frame) => {
    expect(decodeClientMessage(frame).ok).toBe(false);
    expect(validateClient(JSON.parse(frame))).toBe(false);
  });

});

describe("the published schemas describe tolerant readers", () => {
  it("[C1] no message schema forbids additional properties at any depth", () => {
    const text = JSON.stringify([messageSchemas("client"), messageSchemas("server")]);
    expect(text).not.toContain('"additionalProperties":false');
  });
});
