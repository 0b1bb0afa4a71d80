import { encode } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { createLogger } from "../logger.js";
import { Connection } from "./Connection.js";

/** Just the socket surface `deliver` reads, with a controllable send queue. */
function fakeSocket(bufferedAmount: number) {
  const sent: string[] = [];
  const ws = {
    readyState: WebSocket.OPEN,
    bufferedAmount,
    // Frames go out as UTF-8 bytes flagged as text; read them back as the JSON they carry.
    send: (f: Buffer, options: { binary: boolean }) => {
      expect(options.binary).toBe(false);
      sent.push(f.toString("utf8"));
    },
  };
  return { ws: ws as unknown as WebSocket, sent };
}

const user = { id: "u_aaaaaaaaaaaaaaaa", name: "Alice" };
const typing = encode({ type: "typing", room: "general", user });
const message = encode({
  type: "message",
  room: "general",
  id: "m_1",
  seq: 1,
  cid: "c1",
  from: user,
  text: "hi",
  ts: 1,
});

describe("Connection.deliver under congestion", () => {
  it("drops typing (volatile) first for a congested socket but still delivers chat messages", () => {
    const { ws, sent } = fakeSocket(512 * 1024);
    const conn = new Connection("c_1", ws, createLogger("silent"));
    conn.markJoined("general");
    conn.deliver("general", typing, true);
    conn.deliver("general", message, false);
    expect(sent).toEqual([message]);
  });

  it("delivers typing to a socket that keeps up", () => {
    const { ws, sent } = fakeSocket(0);
    const conn = new Connection("c_2", ws, createLogger("silent"));
    conn.markJoined("general");
    conn.deliver("general", typing, true);
    expect(sent).toEqual([typing]);
  });
});
