import type { ServerMessage } from "@duplex/protocol";
import { describe, expect, it, vi } from "vitest";
import { InProcessBroker } from "../broker/InProcessBroker.js";
import type { Peer } from "../connection/Peer.js";
import { createLogger } from "../logger.js";
import { UserFanout } from "./UserFanout.js";

function fakeConnection(id: string, userId: string | undefined) {
  const frames: string[] = [];
  const conn = {
    id,
    user: userId === undefined ? undefined : { id: userId, name: userId },
    sendFrame: (frame: string) => frames.push(frame),
  };
  return { conn: conn as unknown as Peer, frames };
}

async function setup() {
  const broker = new InProcessBroker();
  const publish = vi.spyOn(broker, "publish");
  const connections = new Set<Peer>();
  const fanout = new UserFanout(broker, connections, createLogger("silent"));
  await fanout.start();
  const add = (id: string, userId: string | undefined, welcomed = true) => {
    const fake = fakeConnection(id, userId);
    connections.add(fake.conn);
    if (welcomed) fanout.markWelcomed(fake.conn);
    return fake.frames;
  };
  return { fanout, publish, add };
}

const message: ServerMessage = { type: "notifications_read", ids: ["n1"] };

describe("UserFanout", () => {
  it("publishes a broadcast to all once and hands every welcomed socket the same frame", async () => {
    const { fanout, publish, add } = await setup();
    const a = add("c1", "u_a");
    const b = add("c2", "u_b");
    const notYetWelcomed = add("c3", "u_c", false);
    await fanout.publish("all", message);
    expect(publish).toHaveBeenCalledTimes(1);
    expect(a).toEqual([JSON.stringify(message)]);
    expect(b).toEqual(a);
    expect(notYetWelcomed).toEqual([]);
  });

  it("reaches only the named users' sockets, minus an excepted connection", async () => {
    const { fanout, add } = await setup();
    const tab1 = add("c1", "u_a");
    const tab2 = add("c2", "u_a");
    const other = add("c3", "u_b");
    await fanout.publish(["u_a"], message, { exceptConnection: "c1" });
    expect(tab1).toEqual([]);
    expect(tab2).toHaveLength(1);
    expect(other).toEqual([]);
  });
});
