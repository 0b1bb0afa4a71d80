import type { FrameEvent } from "@duplex/client";
import type { ControlMessage } from "@duplex/protocol";
import type { NewFrame } from "./inspectorSlice.js";
import { closePayloadBytes, frameHeaderBytes, maskBytes, utf8Length } from "./frameSize.js";

/**
 * An upload chunk (opcode 2): the client reports its sizes, never its bytes. The frame's header and
 * mask are priced as for any frame; `headerBytes` of the event is the chunk's own header (upload id
 * and offset) inside the payload.
 */
function fromBinaryFrame(event: FrameEvent): NewFrame {
  const payloadBytes = event.bytes ?? 0;
  return {
    at: event.at,
    direction: event.direction,
    kind: "binary",
    type: "binary",
    payloadBytes,
    headerBytes: frameHeaderBytes(payloadBytes),
    maskBytes: maskBytes(event.direction),
    seenBy: "browser",
    ...(event.headerBytes !== undefined && { chunkHeaderBytes: event.headerBytes }),
  };
}

/** A frame the client reported (a message, or a close it sent or received) as a log entry. */
export function fromClientFrame(event: FrameEvent): NewFrame {
  const { direction } = event;
  if (event.type === "binary") return fromBinaryFrame(event);
  if (event.type === "close") {
    // 1006 is reported locally when the socket ended without a close frame: nothing travelled.
    const travelled = event.code !== 1006;
    const payloadBytes = travelled ? closePayloadBytes(event.code, event.reason ?? "") : 0;
    return {
      at: event.at,
      direction,
      kind: "close",
      type: "close",
      payloadBytes,
      headerBytes: travelled ? frameHeaderBytes(payloadBytes) : 0,
      maskBytes: travelled ? maskBytes(direction) : 0,
      seenBy: "browser",
      ...(event.code !== undefined && { code: event.code }),
      reason: event.reason ?? "",
    };
  }
  const payloadBytes = utf8Length(event.text);
  return {
    at: event.at,
    direction,
    kind: "data",
    type: event.type,
    payloadBytes,
    headerBytes: frameHeaderBytes(payloadBytes),
    maskBytes: maskBytes(direction),
    seenBy: "browser",
  };
}

/** A control frame the server reported; `to_client` reads as `in` from this browser. */
export function fromControl(message: ControlMessage): NewFrame {
  const direction = message.direction === "to_client" ? "in" : "out";
  return {
    at: message.at,
    direction,
    kind: message.kind,
    type: message.kind,
    payloadBytes: message.bytes,
    headerBytes: frameHeaderBytes(message.bytes),
    maskBytes: maskBytes(direction),
    seenBy: "server",
    ...(message.code !== undefined && { code: message.code }),
    ...(message.reason !== undefined && { reason: message.reason }),
    ...(message.rttMs !== undefined && { rttMs: message.rttMs }),
  };
}
