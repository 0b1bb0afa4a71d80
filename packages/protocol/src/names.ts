import { z } from "zod";
import { DM_ROOM_ID_PATTERN } from "./dmRooms.js";
import { LIMITS } from "./limits.js";

export { DM_PREFIX, dmParticipants, dmRoomId, isDmRoom } from "./dmRooms.js";

// No C0/C1 control characters, DEL, or Unicode line/paragraph separators. A regex rather than a refine,
// so the rule survives into the generated JSON Schema and other-language clients get the same verdict.
// eslint-disable-next-line no-control-regex
const NO_CONTROL_CHARS = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]*$/;

/**
 * A string's length as `LIMITS` counts it: UTF-16 code units (`String.length`). zod's (and JSON
 * Schema's) `max` counts code points, under which 4,000 emoji would pass as 4,000 characters; this
 * check reports `too_big` like `max` does.
 */
export function utf16Max(max: number, message: string) {
  return (s: string, ctx: z.RefinementCtx) => {
    if (s.length <= max) return;
    ctx.addIssue({ code: "too_big", origin: "string", maximum: max, inclusive: true, message });
  };
}

/** A user or room name: trimmed, 1–32 characters, no control characters. */
export const Name = z
  .string()
  .trim()
  .min(LIMITS.minNameLength, "must not be empty")
  .max(LIMITS.maxNameLength, `must be at most ${LIMITS.maxNameLength} characters`)
  .superRefine(utf16Max(LIMITS.maxNameLength, `must be at most ${LIMITS.maxNameLength} characters`))
  .regex(NO_CONTROL_CHARS, "must not contain control characters")
  .regex(/\S/, "must not be empty");

/** A public room name: a {@link Name} without `:`. Shown in the UI as `#name`. */
export const PublicRoomName = Name.regex(/^[^:]*$/, "must not contain ':'");

/** A user id as issued by the server: `u_` and 10–24 url-safe characters. */
export const UserId = z.string().regex(/^u_[A-Za-z0-9_-]{10,24}$/, "must be a user id");

/** A direct-message room id: `dm:<userId>:<userId>`, ids sorted so both users name it alike. */
export const DmRoomId = z.string().regex(DM_ROOM_ID_PATTERN, "must be a DM room id");

/** Any room: a public name or a DM room id. */
export const RoomId = z.union([DmRoomId, PublicRoomName]);
