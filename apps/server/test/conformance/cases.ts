import { CloseCode, LIMITS } from "@duplex/protocol";
import { FRAME_LIMITS } from "../../src/limits/frameLimits.js";
import { CaseFailure, expectAppPong, expectClose, expectPong } from "./expectations.js";
import { Op, closePayload, type FrameSpec } from "./frames.js";
import { expectedAccept, rawHandshake, type RawClient } from "./rawClient.js";

/** A frame-level case: runs on a connection that has completed `hello` (unless `hello: false`). */
export interface FrameCase {
  kind: "frames";
  id: string;
  /** The RFC 6455 section the expectation comes from. */
  rfc: string;
  title: string;
  hello?: boolean;
  run(client: RawClient): Promise<void>;
}

/** A handshake case: gets the port and writes the HTTP request itself. */
export interface HandshakeCase {
  kind: "handshake";
  id: string;
  rfc: string;
  title: string;
  run(port: number): Promise<void>;
}

export type ConformanceCase = FrameCase | HandshakeCase;

const PROTOCOL_ERROR = [CloseCode.ProtocolError];
const INVALID_PAYLOAD = [CloseCode.InvalidPayload];

const ping = (t: number) => JSON.stringify({ type: "ping", t });

/** Splits `text`'s UTF-8 bytes into frames of `size` bytes: a text frame, then continuations. */
function fragments(bytes: Buffer, size: number, opcode: number = Op.Text): FrameSpec[] {
  const out: FrameSpec[] = [];
  for (let at = 0; at < bytes.length; at += size) {
    out.push({
      opcode: at === 0 ? opcode : Op.Continuation,
      payload: bytes.subarray(at, at + size),
      fin: at + size >= bytes.length,
    });
  }
  return out;
}

const frameCase = (c: Omit<FrameCase, "kind">): FrameCase => ({ kind: "frames", ...c });

function closesWith(codes: readonly number[], ...frames: FrameSpec[]) {
  return async (client: RawClient) => {
    client.send(...frames);
    await expectClose(client, codes);
  };
}

const validMessages: FrameCase[] = [
  frameCase({
    id: "5.6-text",
    rfc: "§5.6",
    title: "a single-frame text message is delivered",
    run: async (c) => {
      c.sendText(ping(1));
      await expectAppPong(c, 1);
    },
  }),
  frameCase({
    id: "5.4-fragmented-text",
    rfc: "§5.4",
    title: "a text message in 3 fragments is reassembled",
    run: async (c) => {
      c.send(...fragments(Buffer.from(ping(2)), 6));
      await expectAppPong(c, 2);
    },
  }),
  frameCase({
    id: "5.4-one-byte-fragments",
    rfc: "§5.4",
    title: "a text message in 1-byte fragments is reassembled",
    run: async (c) => {
      c.send(...fragments(Buffer.from(ping(3)), 1));
      await expectAppPong(c, 3);
    },
  }),
  frameCase({
    id: "5.4-empty-fragments",
    rfc: "§5.4",
    title: "empty continuation frames inside a message are allowed",
    run: async (c) => {
      const bytes = Buffer.from(ping(4));
      c.send(
        { opcode: Op.Text, payload: bytes.subarray(0, 5), fin: false },
        { opcode: Op.Continuation, payload: Buffer.alloc(0), fin: false },
        { opcode: Op.Continuation, payload: bytes.subarray(5), fin: false },
        { opcode: Op.Continuation, payload: Buffer.alloc(0), fin: true },
      );
      await expectAppPong(c, 4);
    },
  }),
  frameCase({
    id: "5.4-interleaved-ping",
    rfc: "§5.4",
    title: "a ping between fragments is answered and the message still arrives",
    run: async (c) => {
      const [first, ...rest] = fragments(Buffer.from(ping(5)), 8);
      if (!first) throw new CaseFailure("no fragments");
      c.send(first, { opcode: Op.Ping, payload: "mid" }, ...rest);
      await expectPong(c, Buffer.from("mid"));
      await expectAppPong(c, 5);
    },
  }),
  frameCase({
    id: "5.4-interleaved-pong",
    rfc: "§5.4",
    title: "an unsolicited pong between fragments is ignored and the message still arrives",
    run: async (c) => {
      const [first, ...rest] = fragments(Buffer.from(ping(6)), 8);
      if (!first) throw new CaseFailure("no fragments");
      c.send(first, { opcode: Op.Pong, payload: "unsolicited" }, ...rest);
      await expectAppPong(c, 6);
    },
  }),
  frameCase({
    id: "5.6-utf8-split",
    rfc: "§5.6",
    title: "a multi-byte UTF-8 character split across fragments is valid",
    run: async (c) => {
      // "€" is E2 82 AC: split after its first byte.
      const bytes = Buffer.from(JSON.stringify({ type: "ping", t: 7, x: "€" }));
      const cut = bytes.indexOf(0xe2) + 1;
      c.send(
        { opcode: Op.Text, payload: bytes.subarray(0, cut), fin: false },
        { opcode: Op.Continuation, payload: bytes.subarray(cut), fin: true },
      );
      // The unknown field `x` is ignored ([C1]): the pong proves the text decoded.
      await c.waitForMessage("pong");
    },
  }),
  frameCase({
    id: "5.5.2-ping-125",
    rfc: "§5.5.2",
    title: "a ping with 125 bytes of data gets a pong with the same data",
    run: async (c) => {
      const data = Buffer.alloc(125, 0x61);
      c.send({ opcode: Op.Ping, payload: data });
      await expectPong(c, data);
    },
  }),
  frameCase({
    id: "5.5.2-ping-empty",
    rfc: "§5.5.2",
    title: "an empty ping gets an empty pong",
    run: async (c) => {
      c.send({ opcode: Op.Ping });
      await expectPong(c, Buffer.alloc(0));
    },
  }),
  frameCase({
    id: "5.5.2-ping-before-hello",
    rfc: "§5.5.2",
    title: "a ping before the application's hello is still answered",
    hello: false,
    run: async (c) => {
      c.send({ opcode: Op.Ping, payload: "early" });
      await expectPong(c, Buffer.from("early"));
    },
  }),
];

const controlFrames: FrameCase[] = [
  ...[Op.Ping, Op.Pong, Op.Close].map((opcode) =>
    frameCase({
      id: `5.5-control-126-op${opcode}`,
      rfc: "§5.5",
      title: `a control frame (opcode ${opcode}) with 126 bytes of payload → 1002`,
      run: closesWith(PROTOCOL_ERROR, {
        opcode,
        payload: opcode === Op.Close ? closePayload(1000, "x".repeat(124)) : Buffer.alloc(126),
      }),
    }),
  ),
  ...[Op.Ping, Op.Pong].map((opcode) =>
    frameCase({
      id: `5.5-fragmented-control-op${opcode}`,
      rfc: "§5.5",
      title: `a fragmented control frame (opcode ${opcode}, FIN=0) → 1002`,
      run: closesWith(
        PROTOCOL_ERROR,
        { opcode, payload: "a", fin: false },
        { opcode: Op.Continuation, payload: "b", fin: true },
      ),
    }),
  ),
];

const reserved: FrameCase[] = [
  ...[0b100, 0b010, 0b001].map((rsv) =>
    frameCase({
      id: `5.2-rsv-${rsv.toString(2).padStart(3, "0")}`,
      rfc: "§5.2",
      title: `RSV bits ${rsv.toString(2).padStart(3, "0")} on a text frame, no extension → 1002`,
      run: closesWith(PROTOCOL_ERROR, { opcode: Op.Text, payload: ping(1), rsv }),
    }),
  ),
  frameCase({
    id: "5.2-rsv-on-ping",
    rfc: "§5.2",
    title: "an RSV bit on a ping → 1002",
    run: closesWith(PROTOCOL_ERROR, { opcode: Op.Ping, rsv: 0b100 }),
  }),
  ...[3, 4, 5, 6, 7, 0xb, 0xc, 0xd, 0xe, 0xf].map((opcode) =>
    frameCase({
      id: `5.2-reserved-opcode-${opcode.toString(16)}`,
      rfc: "§5.2",
      title: `reserved opcode 0x${opcode.toString(16)} → 1002`,
      run: closesWith(PROTOCOL_ERROR, { opcode, payload: "x" }),
    }),
  ),
];

const fragmentation: FrameCase[] = [
  frameCase({
    id: "5.4-continuation-first",
    rfc: "§5.4",
    title: "a continuation frame with no message started → 1002",
    run: closesWith(PROTOCOL_ERROR, { opcode: Op.Continuation, payload: ping(1) }),
  }),
  frameCase({
    id: "5.4-text-inside-text",
    rfc: "§5.4",
    title: "a new text frame while a fragmented message is open → 1002",
    run: closesWith(
      PROTOCOL_ERROR,
      { opcode: Op.Text, payload: "{", fin: false },
      { opcode: Op.Text, payload: ping(1) },
    ),
  }),
  frameCase({
    id: "5.4-binary-inside-text",
    rfc: "§5.4",
    title: "a binary frame while a fragmented text message is open → 1002",
    run: closesWith(
      PROTOCOL_ERROR,
      { opcode: Op.Text, payload: "{", fin: false },
      { opcode: Op.Binary, payload: "x" },
    ),
  }),
  frameCase({
    id: "app-binary",
    rfc: "§7.4.1 (1003)",
    title: "a binary message (not part of the protocol) → 1003",
    run: closesWith([CloseCode.UnsupportedData], {
      opcode: Op.Binary,
      payload: Buffer.from([1, 2]),
    }),
  }),
  frameCase({
    id: "app-binary-fragmented",
    rfc: "§7.4.1 (1003)",
    title: "a fragmented binary message → 1003",
    run: closesWith(
      [CloseCode.UnsupportedData],
      { opcode: Op.Binary, payload: Buffer.from([1]), fin: false },
      { opcode: Op.Continuation, payload: Buffer.from([2]), fin: true },
    ),
  }),
];

const INVALID_UTF8: Record<string, Buffer> = {
  "lone 0xFF": Buffer.from([0x7b, 0xff, 0x7d]),
  "overlong NUL (C0 80)": Buffer.from([0x22, 0xc0, 0x80, 0x22]),
  "UTF-16 surrogate (ED A0 80)": Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22]),
  "truncated sequence at the end": Buffer.from([0x22, 0xe2, 0x82]),
  "code point above U+10FFFF (F4 90 80 80)": Buffer.from([0xf4, 0x90, 0x80, 0x80]),
};

const utf8: FrameCase[] = [
  ...Object.entries(INVALID_UTF8).map(([what, bytes]) =>
    frameCase({
      id: `8.1-invalid-utf8-${what.split(" ")[0]}`,
      rfc: "§8.1",
      title: `invalid UTF-8 in a text frame (${what}) → 1007`,
      run: closesWith(INVALID_PAYLOAD, { opcode: Op.Text, payload: bytes }),
    }),
  ),
  frameCase({
    id: "8.1-invalid-utf8-fragmented",
    rfc: "§8.1",
    title: "invalid UTF-8 in the second fragment of a text message → 1007",
    run: closesWith(
      INVALID_PAYLOAD,
      { opcode: Op.Text, payload: '{"type":"ping",', fin: false },
      { opcode: Op.Continuation, payload: Buffer.from([0xff, 0xfe]), fin: true },
    ),
  }),
  frameCase({
    id: "5.5.1-close-reason-invalid-utf8",
    rfc: "§5.5.1",
    title: "a close frame whose reason is invalid UTF-8 → 1007",
    run: closesWith(INVALID_PAYLOAD, {
      opcode: Op.Close,
      payload: closePayload(1000, Buffer.from([0xce, 0xba, 0xe1, 0xbd, 0xb9, 0xff])),
    }),
  }),
];

const closeCodes: FrameCase[] = [
  ...[0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535].map((code) =>
    frameCase({
      id: `7.4-invalid-close-${code}`,
      rfc: "§7.4.1–7.4.2",
      title: `a close with the code ${code}, not valid on the wire → 1002`,
      run: closesWith(PROTOCOL_ERROR, { opcode: Op.Close, payload: closePayload(code) }),
    }),
  ),
  frameCase({
    id: "5.5.1-close-one-byte",
    rfc: "§5.5.1",
    title: "a close frame with a 1-byte body (no room for a code) → 1002",
    run: closesWith(PROTOCOL_ERROR, { opcode: Op.Close, payload: Buffer.from([0x03]) }),
  }),
  ...[1000, 1001, 1003, 3000, 4999].map((code) =>
    frameCase({
      id: `5.5.1-valid-close-${code}`,
      rfc: "§5.5.1",
      title: `a close with the valid code ${code} is answered with a close frame`,
      run: async (c) => {
        c.sendClose(code, "bye");
        const closed = await expectClose(c, [code, CloseCode.Normal]);
        if (closed.code === 1006) throw new CaseFailure("no close frame in reply");
      },
    }),
  ),
  frameCase({
    id: "5.5.1-close-empty",
    rfc: "§5.5.1",
    title: "an empty close frame is answered with a close frame",
    run: async (c) => {
      c.send({ opcode: Op.Close });
      // An empty close means "no status" (1005); the reply may carry none either, or 1000.
      await expectClose(c, [1005, CloseCode.Normal]);
    },
  }),
];

const limits: FrameCase[] = [
  frameCase({
    id: "5.1-unmasked-text",
    rfc: "§5.1",
    title: "an unmasked text frame from a client → 1002",
    run: closesWith(PROTOCOL_ERROR, { opcode: Op.Text, payload: ping(1), masked: false }),
  }),
  frameCase({
    id: "5.1-unmasked-ping",
    rfc: "§5.1",
    title: "an unmasked ping from a client → 1002",
    run: closesWith(PROTOCOL_ERROR, { opcode: Op.Ping, masked: false }),
  }),
  frameCase({
    id: "10.4-oversize-frame",
    rfc: "§10.4 (1009)",
    title: `a text frame of maxFrameBytes + 1 (${LIMITS.maxFrameBytes + 1}) → 1009`,
    run: closesWith([CloseCode.MessageTooBig], {
      opcode: Op.Text,
      payload: Buffer.alloc(LIMITS.maxFrameBytes + 1, 0x20),
    }),
  }),
  frameCase({
    id: "10.4-oversize-fragmented",
    rfc: "§10.4 (1009)",
    title: "fragments adding up to more than maxFrameBytes → 1009",
    run: closesWith(
      [CloseCode.MessageTooBig],
      ...fragments(Buffer.alloc(LIMITS.maxFrameBytes + 10, 0x20), 16 * 1024),
    ),
  }),
  frameCase({
    id: "10.4-huge-length-header",
    rfc: "§10.4 (1009)",
    title: "a header claiming a 1 TiB payload is refused before any data → 1009",
    run: closesWith([CloseCode.MessageTooBig], { opcode: Op.Text, claimedLength: 1n << 40n }),
  }),
  frameCase({
    id: "5.2-length-msb-set",
    rfc: "§5.2",
    title: "a 64-bit length with its most significant bit set → 1002 (or 1009)",
    // §5.2 makes this a protocol violation; refusing it as too big also ends it safely.
    run: closesWith([CloseCode.ProtocolError, CloseCode.MessageTooBig], {
      opcode: Op.Text,
      claimedLength: (1n << 63n) + 5n,
    }),
  }),
  frameCase({
    id: "10.4-many-fragments",
    rfc: "§10.4 (1008)",
    title: `${4 * FRAME_LIMITS.maxFragments} one-byte fragments are cut off at maxFragments → 1008`,
    run: async (c) => {
      const count = 4 * FRAME_LIMITS.maxFragments;
      const frames: FrameSpec[] = [{ opcode: Op.Text, payload: " ", fin: false }];
      for (let i = 1; i < count; i += 1)
        frames.push({ opcode: Op.Continuation, payload: " ", fin: false });
      c.send(...frames);
      await expectClose(c, [CloseCode.PolicyViolation]);
    },
  }),
];

function handshakeCase(c: Omit<HandshakeCase, "kind">): HandshakeCase {
  return { kind: "handshake", ...c };
}

const handshake: HandshakeCase[] = [
  handshakeCase({
    id: "4.2.2-accept",
    rfc: "§4.2.2",
    title: "101 with Sec-WebSocket-Accept = base64(SHA-1(key + GUID)) and the subprotocol",
    run: async (port) => {
      const { socket, key, response } = await rawHandshake(port);
      socket.destroy();
      if (response.status !== 101) throw new CaseFailure(`status ${response.status}`);
      if (response.headers["sec-websocket-accept"] !== expectedAccept(key)) {
        throw new CaseFailure("wrong Sec-WebSocket-Accept");
      }
      if (response.headers.upgrade?.toLowerCase() !== "websocket")
        throw new CaseFailure("no Upgrade");
    },
  }),
  handshakeCase({
    id: "4.2.1-no-key",
    rfc: "§4.2.1",
    title: "an upgrade without Sec-WebSocket-Key is refused with 400",
    run: async (port) => {
      const { socket, response } = await rawHandshake(port, { "Sec-WebSocket-Key": undefined });
      socket.destroy();
      if (response.status !== 400) throw new CaseFailure(`status ${response.status}`);
    },
  }),
  handshakeCase({
    id: "4.2.1-bad-key",
    rfc: "§4.2.1",
    title: "a Sec-WebSocket-Key that is not 16 bytes base64 is refused with 400",
    run: async (port) => {
      const { socket, response } = await rawHandshake(port, { "Sec-WebSocket-Key": "c2hvcnQ=" });
      socket.destroy();
      if (response.status !== 400) throw new CaseFailure(`status ${response.status}`);
    },
  }),
  handshakeCase({
    id: "4.4-version",
    rfc: "§4.4",
    title: "an unsupported Sec-WebSocket-Version is refused with a 4xx naming version 13",
    run: async (port) => {
      const { socket, response } = await rawHandshake(port, { "Sec-WebSocket-Version": "12" });
      socket.destroy();
      if (response.status < 400 || response.status > 499) {
        throw new CaseFailure(`status ${response.status}`);
      }
      if (!(response.headers["sec-websocket-version"] ?? "").includes("13")) {
        throw new CaseFailure("no Sec-WebSocket-Version: 13 in the refusal");
      }
    },
  }),
];

/** Every case, in a stable order. */
export const CASES: readonly ConformanceCase[] = [
  ...handshake,
  ...validMessages,
  ...controlFrames,
  ...reserved,
  ...fragmentation,
  ...utf8,
  ...closeCodes,
  ...limits,
];
