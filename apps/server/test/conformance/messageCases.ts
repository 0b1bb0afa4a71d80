import { CaseFailure, expectAppPong, expectPong } from "./expectations.js";
import { fragments, frameCase, ping, type FrameCase } from "./caseKit.js";
import { Opcode, type FrameSpec } from "@duplex/rawsocket";

/** A message the server must reassemble: the frames of `ping {t}` (from its bytes), answered by a pong. */
const delivered = (
  id: string,
  title: string,
  t: number,
  frames: (bytes: Buffer) => FrameSpec[],
): FrameCase =>
  frameCase({
    id,
    rfc: id.startsWith("5.6") ? "§5.6" : "§5.4",
    title,
    run: async (c) => {
      c.send(...frames(Buffer.from(ping(t))));
      await expectAppPong(c, t);
    },
  });

/** A ping frame with `data` is answered by a pong with the same data (§5.5.2). */
const pingAnswered = (id: string, title: string, data: Buffer, hello?: false): FrameCase =>
  frameCase({
    id,
    rfc: "§5.5.2",
    title,
    ...(hello === false && { hello }),
    run: async (c) => {
      c.send({ opcode: Opcode.Ping, payload: data });
      await expectPong(c, data);
    },
  });

/** The first fragment of `ping {t}`, then `between`, then the rest. */
const around = (between: FrameSpec) => (bytes: Buffer) => {
  const [first, ...rest] = fragments(bytes, 8);
  if (!first) throw new CaseFailure("no fragments");
  return [first, between, ...rest];
};

export const validMessages: FrameCase[] = [
  delivered("5.6-text", "a single-frame text message is delivered", 1, (bytes) => [
    { opcode: Opcode.Text, payload: bytes },
  ]),
  delivered("5.4-fragmented-text", "a text message in 3 fragments is reassembled", 2, (bytes) =>
    fragments(bytes, 6),
  ),
  delivered(
    "5.4-one-byte-fragments",
    "a text message in 1-byte fragments is reassembled",
    3,
    (bytes) => fragments(bytes, 1),
  ),
  delivered(
    "5.4-empty-fragments",
    "empty continuation frames inside a message are allowed",
    4,
    (bytes) => [
      { opcode: Opcode.Text, payload: bytes.subarray(0, 5), fin: false },
      { opcode: Opcode.Continuation, payload: Buffer.alloc(0), fin: false },
      { opcode: Opcode.Continuation, payload: bytes.subarray(5), fin: false },
      { opcode: Opcode.Continuation, payload: Buffer.alloc(0), fin: true },
    ],
  ),
  frameCase({
    id: "5.4-interleaved-ping",
    rfc: "§5.4",
    title: "a ping between fragments is answered and the message still arrives",
    run: async (c) => {
      c.send(...around({ opcode: Opcode.Ping, payload: "mid" })(Buffer.from(ping(5))));
      await expectPong(c, Buffer.from("mid"));
      await expectAppPong(c, 5);
    },
  }),
  delivered(
    "5.4-interleaved-pong",
    "an unsolicited pong between fragments is ignored and the message still arrives",
    6,
    around({ opcode: Opcode.Pong, payload: "unsolicited" }),
  ),
  frameCase({
    id: "5.6-utf8-split",
    rfc: "§5.6",
    title: "a multi-byte UTF-8 character split across fragments is valid",
    run: async (c) => {
      // "€" is E2 82 AC: split after its first byte.
      const bytes = Buffer.from(JSON.stringify({ type: "ping", t: 7, x: "€" }));
      const cut = bytes.indexOf(0xe2) + 1;
      c.send(
        { opcode: Opcode.Text, payload: bytes.subarray(0, cut), fin: false },
        { opcode: Opcode.Continuation, payload: bytes.subarray(cut), fin: true },
      );
      // The unknown field `x` is ignored ([C1]): the pong proves the text decoded.
      await c.waitForMessage("pong");
    },
  }),
  pingAnswered(
    "5.5.2-ping-125",
    "a ping with 125 bytes of data gets a pong with the same data",
    Buffer.alloc(125, 0x61),
  ),
  pingAnswered("5.5.2-ping-empty", "an empty ping gets an empty pong", Buffer.alloc(0)),
  pingAnswered(
    "5.5.2-ping-before-hello",
    "a ping before the application's hello is still answered",
    Buffer.from("early"),
    false,
  ),
];
