import { ErrorCode, type DecodeResult, type ServerMessage } from "@duplex/protocol";
import type * as ServerDecoderModule from "./serverDecoder.js";

type FullDecoder = typeof ServerDecoderModule;

// One load per page, shared by every client. Until it resolves, frames get the envelope check below.
let loaded: FullDecoder | undefined;
let loading: Promise<FullDecoder> | undefined;

/** Starts (once) loading the zod decoder; resolves when every frame will be fully validated. */
export function loadServerDecoder(): Promise<FullDecoder> {
  loading ??= import("./serverDecoder.js").then((m) => (loaded = m));
  return loading;
}

/** The full decoder if it has loaded, else `undefined`. */
export function serverDecoder(): FullDecoder | undefined {
  return loaded;
}

/**
 * Decodes a server frame: fully (zod) once the decoder has loaded; before that, only the envelope
 * (a JSON object with a string `type`). The server is trusted and only the first frames of a page's
 * first socket can arrive that early.
 */
export function decodeServerFrame(text: string): DecodeResult<ServerMessage> {
  if (loaded !== undefined) return loaded.decodeServerMessage(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, error: { code: ErrorCode.BadJson, message: "frame is not valid JSON" } };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return {
      ok: false,
      error: { code: ErrorCode.InvalidMessage, message: "a message must be a JSON object" },
    };
  }
  if (typeof (parsed as { type?: unknown }).type !== "string") {
    return {
      ok: false,
      error: { code: ErrorCode.InvalidMessage, message: "type: must be a string" },
    };
  }
  return { ok: true, value: parsed as ServerMessage };
}
