import { CloseCode } from "@duplex/protocol";
import {
  INVALID_PAYLOAD,
  PROTOCOL_ERROR,
  closeCases,
  frameCase,
  closesWith,
  ping,
  type FrameCase,
} from "./caseKit.js";
import { Opcode, closePayload } from "@duplex/rawsocket";

// Frames RFC 6455 forbids: each ends the connection with the close code the RFC names.

export const controlFrames: FrameCase[] = [
  ...[Opcode.Ping, Opcode.Pong, Opcode.Close].map((opcode) =>
    frameCase({
      id: `5.5-control-126-op${opcode}`,
      rfc: "§5.5",
      title: `a control frame (opcode ${opcode}) with 126 bytes of payload → 1002`,
      run: closesWith(PROTOCOL_ERROR, {
        opcode,
        payload: opcode === Opcode.Close ? closePayload(1000, "x".repeat(124)) : Buffer.alloc(126),
      }),
    }),
  ),
  ...[Opcode.Ping, Opcode.Pong].map((opcode) =>
    frameCase({
      id: `5.5-fragmented-control-op${opcode}`,
      rfc: "§5.5",
      title: `a fragmented control frame (opcode ${opcode}, FIN=0) → 1002`,
      run: closesWith(
        PROTOCOL_ERROR,
        { opcode, payload: "a", fin: false },
        { opcode: Opcode.Continuation, payload: "b", fin: true },
      ),
    }),
  ),
];

const bits = (rsv: number) => rsv.toString(2).padStart(3, "0");

export const reserved: FrameCase[] = closeCases(PROTOCOL_ERROR, [
  ...[0b100, 0b010, 0b001].map((rsv) => ({
    id: `5.2-rsv-${bits(rsv)}`,
    rfc: "§5.2",
    title: `RSV bits ${bits(rsv)} on a text frame, no extension → 1002`,
    send: [{ opcode: Opcode.Text, payload: ping(1), rsv }],
  })),
  {
    id: "5.2-rsv-on-ping",
    rfc: "§5.2",
    title: "an RSV bit on a ping → 1002",
    send: [{ opcode: Opcode.Ping, rsv: 0b100 }],
  },
  ...[3, 4, 5, 6, 7, 0xb, 0xc, 0xd, 0xe, 0xf].map((opcode) => ({
    id: `5.2-reserved-opcode-${opcode.toString(16)}`,
    rfc: "§5.2",
    title: `reserved opcode 0x${opcode.toString(16)} → 1002`,
    send: [{ opcode, payload: "x" }],
  })),
]);

/** An open fragmented text message, then `next`. */
const insideText = (next: { opcode: number; payload: string }) => [
  { opcode: Opcode.Text, payload: "{", fin: false },
  next,
];

export const fragmentation: FrameCase[] = [
  ...closeCases(PROTOCOL_ERROR, [
    {
      id: "5.4-continuation-first",
      rfc: "§5.4",
      title: "a continuation frame with no message started → 1002",
      send: [{ opcode: Opcode.Continuation, payload: ping(1) }],
    },
    {
      id: "5.4-text-inside-text",
      rfc: "§5.4",
      title: "a new text frame while a fragmented message is open → 1002",
      send: insideText({ opcode: Opcode.Text, payload: ping(1) }),
    },
    {
      id: "5.4-binary-inside-text",
      rfc: "§5.4",
      title: "a binary frame while a fragmented text message is open → 1002",
      send: insideText({ opcode: Opcode.Binary, payload: "x" }),
    },
  ]),
  ...closeCases(
    [CloseCode.UnsupportedData],
    [
      {
        id: "app-binary",
        rfc: "§7.4.1 (1003)",
        title: "a binary message (not part of the protocol) → 1003",
        send: [{ opcode: Opcode.Binary, payload: Buffer.from([1, 2]) }],
      },
      {
        id: "app-binary-fragmented",
        rfc: "§7.4.1 (1003)",
        title: "a fragmented binary message → 1003",
        send: [
          { opcode: Opcode.Binary, payload: Buffer.from([1]), fin: false },
          { opcode: Opcode.Continuation, payload: Buffer.from([2]), fin: true },
        ],
      },
    ],
  ),
];

const INVALID_UTF8: Record<string, Buffer> = {
  "lone 0xFF": Buffer.from([0x7b, 0xff, 0x7d]),
  "overlong NUL (C0 80)": Buffer.from([0x22, 0xc0, 0x80, 0x22]),
  "UTF-16 surrogate (ED A0 80)": Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22]),
  "truncated sequence at the end": Buffer.from([0x22, 0xe2, 0x82]),
  "code point above U+10FFFF (F4 90 80 80)": Buffer.from([0xf4, 0x90, 0x80, 0x80]),
};

export const utf8: FrameCase[] = closeCases(INVALID_PAYLOAD, [
  ...Object.entries(INVALID_UTF8).map(([what, bytes]) => ({
    id: `8.1-invalid-utf8-${what.split(" ")[0]}`,
    rfc: "§8.1",
    title: `invalid UTF-8 in a text frame (${what}) → 1007`,
    send: [{ opcode: Opcode.Text, payload: bytes }],
  })),
  {
    id: "8.1-invalid-utf8-fragmented",
    rfc: "§8.1",
    title: "invalid UTF-8 in the second fragment of a text message → 1007",
    send: [
      { opcode: Opcode.Text, payload: '{"type":"ping",', fin: false },
      { opcode: Opcode.Continuation, payload: Buffer.from([0xff, 0xfe]), fin: true },
    ],
  },
  {
    id: "5.5.1-close-reason-invalid-utf8",
    rfc: "§5.5.1",
    title: "a close frame whose reason is invalid UTF-8 → 1007",
    send: [
      {
        opcode: Opcode.Close,
        payload: closePayload(1000, Buffer.from([0xce, 0xba, 0xe1, 0xbd, 0xb9, 0xff])),
      },
    ],
  },
]);
