import type { FrameEvent } from "@duplex/client";
import type { ServerMessage } from "@duplex/protocol";
import type { ServerEffect } from "../store/serverEvent.js";
import { fromClientFrame, fromControl } from "./frameEvents.js";
import { countUnlisted, recordFrame, type InspectorSlice } from "./inspectorSlice.js";

// The inspector's part of the reducer: every frame, the handshake, and the server's control reports.

export function applyInspectorFrame(slice: InspectorSlice, event: FrameEvent): InspectorSlice {
  const frame = fromClientFrame(event);
  // A report about a control frame is listed as that control frame (from `message`), not itself.
  if (event.type === "control" && event.direction === "in") return countUnlisted(slice, frame);
  return recordFrame(slice, frame);
}

export function applyInspectorMessage(
  slice: InspectorSlice,
  message: ServerMessage,
  effects: ServerEffect[],
): InspectorSlice {
  if (message.type === "control") return recordFrame(slice, fromControl(message));
  if (message.type === "inspecting" && message.handshake) {
    const { handshake } = message;
    effects.push({ kind: "computeAccept", handshake });
    return { ...slice, handshake, computedAccept: undefined };
  }
  return slice;
}
