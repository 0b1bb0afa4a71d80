import { CloseCode } from "@duplex/protocol";
import { expectClose } from "./expectations.js";
import { Opcode, type FrameSpec } from "@duplex/rawsocket";
import type { RawClient } from "./rawClient.js";

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

export const PROTOCOL_ERROR = [CloseCode.ProtocolError];
export const INVALID_PAYLOAD = [CloseCode.InvalidPayload];

/** The application's `ping` as text: its `pong` proves the message arrived whole. */
export const ping = (t: number) => JSON.stringify({ type: "ping", t });

/** Splits `bytes` into frames of `size` bytes: a text (or `opcode`) frame, then continuations. */
export function fragments(bytes: Buffer, size: number, opcode: number = Opcode.Text): FrameSpec[] {
  const out: FrameSpec[] = [];
  for (let at = 0; at < bytes.length; at += size) {
    out.push({
      opcode: at === 0 ? opcode : Opcode.Continuation,
      payload: bytes.subarray(at, at + size),
      fin: at + size >= bytes.length,
    });
  }
  return out;
}

export const frameCase = (c: Omit<FrameCase, "kind">): FrameCase => ({ kind: "frames", ...c });

export const handshakeCase = (c: Omit<HandshakeCase, "kind">): HandshakeCase => ({
  kind: "handshake",
  ...c,
});

export function closesWith(codes: readonly number[], ...frames: FrameSpec[]) {
  return async (client: RawClient) => {
    client.send(...frames);
    await expectClose(client, codes);
  };
}

/** One row of a table of violations: the frames sent, and the case's name. */
export interface CloseRow {
  id: string;
  rfc: string;
  title: string;
  send: FrameSpec[];
}

/** Cases that each send their row's frames and expect a close with one of `codes`. */
export const closeCases = (codes: readonly number[], rows: readonly CloseRow[]): FrameCase[] =>
  rows.map(({ send, ...row }) => frameCase({ ...row, run: closesWith(codes, ...send) }));
