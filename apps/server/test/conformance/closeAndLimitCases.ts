import { CloseCode, LIMITS } from "@duplex/protocol";
import { FRAME_LIMITS } from "../../src/limits/frameLimits.js";
import { CaseFailure, expectClose } from "./expectations.js";
import {
  PROTOCOL_ERROR,
  closeCases,
  fragments,
  frameCase,
  ping,
  type FrameCase,
} from "./caseKit.js";
import { Opcode, closePayload, type FrameSpec } from "@duplex/rawsocket";

export const closeCodes: FrameCase[] = [
  ...closeCases(PROTOCOL_ERROR, [
    ...[0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535].map((code) => ({
      id: `7.4-invalid-close-${code}`,
      rfc: "§7.4.1–7.4.2",
      title: `a close with the code ${code}, not valid on the wire → 1002`,
      send: [{ opcode: Opcode.Close, payload: closePayload(code) }],
    })),
    {
      id: "5.5.1-close-one-byte",
      rfc: "§5.5.1",
      title: "a close frame with a 1-byte body (no room for a code) → 1002",
      send: [{ opcode: Opcode.Close, payload: Buffer.from([0x03]) }],
    },
  ]),
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
      c.send({ opcode: Opcode.Close });
      // An empty close means "no status" (1005); the reply may carry none either, or 1000.
      await expectClose(c, [1005, CloseCode.Normal]);
    },
  }),
];

/** A fragmented text message of `count` one-byte fragments, never finished. */
function oneByteFragments(count: number): FrameSpec[] {
  const frames: FrameSpec[] = [{ opcode: Opcode.Text, payload: " ", fin: false }];
  for (let i = 1; i < count; i += 1)
    frames.push({ opcode: Opcode.Continuation, payload: " ", fin: false });
  return frames;
}

export const limits: FrameCase[] = [
  ...closeCases(PROTOCOL_ERROR, [
    {
      id: "5.1-unmasked-text",
      rfc: "§5.1",
      title: "an unmasked text frame from a client → 1002",
      send: [{ opcode: Opcode.Text, payload: ping(1), masked: false }],
    },
    {
      id: "5.1-unmasked-ping",
      rfc: "§5.1",
      title: "an unmasked ping from a client → 1002",
      send: [{ opcode: Opcode.Ping, masked: false }],
    },
  ]),
  ...closeCases(
    [CloseCode.MessageTooBig],
    [
      {
        id: "10.4-oversize-frame",
        rfc: "§10.4 (1009)",
        title: `a text frame of maxFrameBytes + 1 (${LIMITS.maxFrameBytes + 1}) → 1009`,
        send: [{ opcode: Opcode.Text, payload: Buffer.alloc(LIMITS.maxFrameBytes + 1, 0x20) }],
      },
      {
        id: "10.4-oversize-fragmented",
        rfc: "§10.4 (1009)",
        title: "fragments adding up to more than maxFrameBytes → 1009",
        send: fragments(Buffer.alloc(LIMITS.maxFrameBytes + 10, 0x20), 16 * 1024),
      },
      {
        id: "10.4-huge-length-header",
        rfc: "§10.4 (1009)",
        title: "a header claiming a 1 TiB payload is refused before any data → 1009",
        send: [{ opcode: Opcode.Text, claimedLength: 1n << 40n }],
      },
    ],
  ),
  // §5.2 makes this a protocol violation; refusing it as too big also ends it safely.
  ...closeCases(
    [CloseCode.ProtocolError, CloseCode.MessageTooBig],
    [
      {
        id: "5.2-length-msb-set",
        rfc: "§5.2",
        title: "a 64-bit length with its most significant bit set → 1002 (or 1009)",
        send: [{ opcode: Opcode.Text, claimedLength: (1n << 63n) + 5n }],
      },
    ],
  ),
  ...closeCases(
    [CloseCode.PolicyViolation],
    [
      {
        id: "10.4-many-fragments",
        rfc: "§10.4 (1008)",
        title: `${4 * FRAME_LIMITS.maxFragments} one-byte fragments are cut off at maxFragments → 1008`,
        send: oneByteFragments(4 * FRAME_LIMITS.maxFragments),
      },
    ],
  ),
];
