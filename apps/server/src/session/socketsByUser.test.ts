import { describe, expect, it } from "vitest";
import { SocketsByUser } from "./socketsByUser.js";

describe("SocketsByUser", () => {
  it("counts a user's sockets and says when the last one goes", () => {
    const index = new SocketsByUser();
    index.add("u1", "c1");
    index.add("u1", "c1");
    expect(index.count("u1")).toBe(1);
    index.add("u1", "c2");
    index.add("u1", "c3");
    index.add("u2", "c4");
    expect(index.count("u1")).toBe(3);
    expect([...index.entries()]).toEqual([
      ["u1", "c1"],
      ["u1", "c2"],
      ["u1", "c3"],
      ["u2", "c4"],
    ]);
    expect(index.delete("u1", "c9")).toBe(false);
    expect(index.delete("u1", "c1")).toBe(false);
    expect(index.delete("u1", "c3")).toBe(false);
    expect(index.count("u1")).toBe(1);
    expect(index.delete("u1", "c3")).toBe(false);
    expect(index.delete("u1", "c2")).toBe(true);
    expect(index.has("u1")).toBe(false);
    expect(index.count("u1")).toBe(0);
    expect(index.delete("u1", "c2")).toBe(false);
    expect(index.has("u2")).toBe(true);
  });
});
