import { act, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderSignedIn } from "../test/renderWithStore.js";
import { ALICE, BOB } from "../test/scriptedClient.js";
import { SeenBy } from "./SeenBy.js";

const ROOM = "general";
const users = ["Carol", "Dave", "Erin", "Frank"].map((name) => ({
  id: `u_${name.toLowerCase().padEnd(12, "0")}`,
  name,
}));

function setup(seq: number) {
  const rendered = renderSignedIn(<SeenBy room={ROOM} seq={seq} />);
  const seen = (user: { id: string; name: string }, at: number) =>
    act(() => rendered.client.emit("message", { type: "seen", room: ROOM, user, seq: at }));
  return { ...rendered, seen };
}

describe("SeenBy", () => {
  it("names who read up to our message, for screen readers too, and not those behind it", () => {
    const { seen } = setup(5);
    expect(screen.queryByRole("status")).toBeNull();
    seen(BOB, 4);
    expect(screen.queryByRole("status")).toBeNull();
    seen(BOB, 5);
    expect(screen.getByRole("status", { name: "Seen by Bob" })).toBeTruthy();
    // Ourselves (another tab) never count.
    seen(ALICE, 9);
    expect(screen.getByRole("status").getAttribute("aria-label")).toBe("Seen by Bob");
  });

  it("shows three names, then +N", () => {
    const { seen } = setup(2);
    seen(BOB, 3);
    for (const u of users) seen(u, 2);
    expect(screen.getByRole("status", { name: "Seen by Bob, Carol, Dave +2" })).toBeTruthy();
  });
});
