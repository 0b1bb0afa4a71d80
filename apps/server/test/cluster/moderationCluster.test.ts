import { Capability, ErrorCode } from "@duplex/protocol";
import { expect, it, vi } from "vitest";
import { Clients, TestClient } from "../helpers.js";
import { api, createPrivateRoom, registerAccount, registerAccounts } from "../accountsHttp.js";
import { describeCluster, startCluster } from "./clusterHarness.js";

const caps = [Capability.Accounts];

describeCluster("private rooms and mutes on two nodes", () => {
  it("a member removed on node A leaves the room on node B; an outsider on B cannot join", async () => {
    await using cluster = await startCluster();
    const [olga, mia] = await registerAccounts(cluster.a.httpUrl, ["olga", "mia"]);
    const otto = await registerAccount(cluster.b.httpUrl, "otto");
    await createPrivateRoom(cluster.a.httpUrl, olga.token, "board", [mia]);
    using clients = new Clients();
    const member = await clients.hello(cluster.b.url, { token: mia.token, caps });
    const outsider = await clients.hello(cluster.b.url, { token: otto.token, caps });
    await member.client.join("board");
    outsider.client.send({ type: "join", room: "board", ref: "j" });
    expect((await outsider.client.waitFor("error", (m) => m.ref === "j")).code).toBe(
      ErrorCode.Unauthorized,
    );

    const started = Date.now();
    const removed = await api(cluster.a.httpUrl, "POST", "/api/rooms/remove", {
      token: olga.token,
      body: { room: "board", user: mia.user.id },
    });
    expect(removed.status).toBe(204);
    await member.client.waitFor("left", (m) => m.room === "board");
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("a mute set on node A refuses sends on node B at once, and its end is felt there too", async () => {
    await using cluster = await startCluster();
    const [olga, bob] = await registerAccounts(cluster.a.httpUrl, ["olga", "bob"]);
    const tab = await TestClient.hello(cluster.b.url, { token: bob.token, caps });
    using _t = tab.client;
    await tab.client.join("general");
    await api(cluster.a.httpUrl, "POST", "/api/admin/mute", {
      token: olga.token,
      body: { user: bob.user.id, durationMs: 60_000 },
    });
    // The change travels through Redis after the HTTP answer: poll with fresh sends until it is felt.
    const sendReply = async () => {
      const ref = `s${Math.random()}`;
      tab.client.send({ type: "send", room: "general", cid: ref, text: "x", ref });
      const reply = await vi.waitFor(() => {
        const found = tab.client.received.find(
          (m) => (m.type === "ack" || m.type === "error") && m.ref === ref,
        );
        if (!found) throw new Error("no reply yet");
        return found;
      });
      return reply.type === "error" ? reply.code : "ack";
    };
    await expect.poll(sendReply, { timeout: 1_000 }).toBe(ErrorCode.Muted);
    await api(cluster.a.httpUrl, "POST", "/api/admin/unmute", {
      token: olga.token,
      body: { user: bob.user.id },
    });
    await expect.poll(sendReply, { timeout: 1_000 }).toBe("ack");
  });
});
