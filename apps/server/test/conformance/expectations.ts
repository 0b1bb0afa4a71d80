import { Opcode, type ReadFrame } from "@duplex/rawsocket";
import type { RawClient, ServerClose } from "./rawClient.js";

export class CaseFailure extends Error {
  override name = "CaseFailure";
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CaseFailure(`${what} did not happen within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The server closes the connection with one of `codes` (a close frame, then TCP). */
export async function expectClose(
  client: RawClient,
  codes: readonly number[],
  timeoutMs = 5_000,
): Promise<ServerClose> {
  const closed = await within(client.closed, timeoutMs, `close with ${codes.join("/")}`);
  if (!codes.includes(closed.code)) {
    throw new CaseFailure(`expected close ${codes.join(" or ")}, got ${closed.code}`);
  }
  return closed;
}

/** The server answers a ping frame with a pong carrying the same application data (§5.5.3). */
export async function expectPong(client: RawClient, payload: Buffer): Promise<ReadFrame> {
  const pong = await client.waitForFrame((f) => f.opcode === Opcode.Pong);
  if (!pong.payload.equals(payload)) throw new CaseFailure("pong payload differs from the ping's");
  return pong;
}

/** The application answered a `ping {t}` message: the text message was reassembled intact. */
export async function expectAppPong(client: RawClient, t: number): Promise<void> {
  await client.waitForFrame(
    (f) => f.opcode === Opcode.Text && f.payload.toString("utf8").includes(`"t":${t}`),
  );
}

/** Every server frame is unmasked (§5.1) and has no RSV bit (no extension negotiated). */
export function expectServerFramesWellFormed(client: RawClient): void {
  for (const frame of client.frames) {
    if (frame.masked) throw new CaseFailure("the server masked a frame (§5.1)");
    if (frame.rsv !== 0) throw new CaseFailure("the server set an RSV bit without an extension");
  }
}
