import { describe, expect, it } from "vitest";
import { OnlineUsers } from "./OnlineUsers.js";

const ID = "u_aaaaaaaaaaaaaaaa";

describe("OnlineUsers", () => {
  it("keeps a user online until the last of several sockets disconnects", () => {
    const online = new OnlineUsers();
    online.connect(ID, "Alice", "c_1");
    online.connect(ID, "Alice", "c_2");
    online.connect(ID, "Alice", "c_3");
    online.disconnect(ID, "c_2");
    online.disconnect(ID, "c_1");
    expect(online.isOnline(ID)).toBe(true);
    online.disconnect(ID, "c_3");
    expect(online.isOnline(ID)).toBe(false);
    expect(online.count).toBe(0);
  });

  it("ignores a socket it never saw and a repeated connect of the same socket", () => {
    const online = new OnlineUsers();
    online.connect(ID, "Alice", "c_1");
    online.connect(ID, "Alice", "c_1");
    online.disconnect(ID, "c_9");
    expect(online.isOnline(ID)).toBe(true);
    online.disconnect(ID, "c_1");
    expect(online.isOnline(ID)).toBe(false);
  });

  it("frees the name once the user's last socket is gone", () => {
    const online = new OnlineUsers();
    online.connect(ID, "Alice", "c_1");
    online.connect(ID, "Alice", "c_2");
    online.disconnect(ID, "c_1");
    expect(online.connect("u_bbbbbbbbbbbbbbbb", "Alice", "c_3").name).not.toBe("Alice");
    online.disconnect(ID, "c_2");
    expect(online.connect("u_cccccccccccccccc", "Alice", "c_4").name).toBe("Alice");
  });
});
