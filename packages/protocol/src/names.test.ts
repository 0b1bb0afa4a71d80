import { describe, expect, it } from "vitest";
import { PublicRoomName, Name, dmParticipants, dmRoomId, isDmRoom, RoomId } from "./names.js";

const a = "u_aaaaaaaaaaaaaaaa";
const b = "u_bbbbbbbbbbbbbbbb";

describe("names", () => {
  it("trims and accepts 1–32 characters, emoji included", () => {
    expect(Name.parse("  Zoë 🚀  ")).toBe("Zoë 🚀");
    expect(Name.safeParse("x".repeat(32)).success).toBe(true);
    expect(Name.safeParse("x".repeat(33)).success).toBe(false);
    expect(Name.safeParse("").success).toBe(false);
  });

  it("refuses control characters and line separators", () => {
    for (const bad of ["a\tb", "a\u0000", "a\u2028b", "a\u009fb"]) {
      expect(Name.safeParse(bad).success).toBe(false);
    }
  });

  it("keeps public room names out of the DM namespace", () => {
    expect(PublicRoomName.safeParse("dm:x:y").success).toBe(false);
    expect(RoomId.safeParse(dmRoomId(a, b)).success).toBe(true);
  });

  it("gives both participants the same DM room", () => {
    expect(dmRoomId(a, b)).toBe(dmRoomId(b, a));
    expect(isDmRoom(dmRoomId(a, b))).toBe(true);
    expect(dmParticipants(dmRoomId(b, a))).toEqual([a, b]);
    expect(dmParticipants("general")).toBeUndefined();
  });
});
