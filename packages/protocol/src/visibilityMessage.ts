import { z } from "zod";

/**
 * Capability `visibility`: whether this tab is on screen (`document.visibilityState`). Sent after
 * `welcome` and on every change; a socket that never sends it counts as visible. While none of a
 * user's sockets (on any node) is visible, their notifications also go out as Web Push.
 */
export const VisibilityMessage = z.strictObject({
  type: z.literal("visibility"),
  visible: z.boolean(),
});
