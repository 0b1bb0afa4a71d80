import { describe, expect, it } from "vitest";
import { OnlineUsers } from "./OnlineUsers.js";

const alice = { id: "u_aaaaaaaaaaaaaaaa", name: "Alice" };

describe("OnlineUsers", () => {
  it("keeps a user online until the last of several sockets disconnects", () => {
    const online = new OnlineUsers();
    online.connect(alice, "c_1");
    online.connect(alice, "c_2");
    online.connect(alice, "c_3");
    online.disconnect(alice.id, "c_2");
    online.disconnect(alice.id, "c_1");
    expect(online.isOnline(alice.id)).toBe(true);
    online.disconnect(alice.id, "c_3");
    expect(online.isOnline(alice.id)).toBe(false);
    expect(online.count).toBe(0);
  });

  it("ignores a socket it never saw and a repeated connect of the same socket", () => {
    const online = new OnlineUsers();
    online.connect(alice, "c_1");
    online.connect(alice, "c_1");
    online.disconnect(alice.id, "c_9");
    expect(online.isOnline(alice.id)).toBe(true);
    online.disconnect(alice.id, "c_1");
    expect(online.isOnline(alice.id)).toBe(false);
  });
});
