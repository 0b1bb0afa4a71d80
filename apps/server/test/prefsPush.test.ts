import { Capability, LIMITS, WebPushPayload, dmRoomId } from "@duplex/protocol";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { registerAccount } from "./accountsHttp.js";

import { testWorld } from "./support/testWorld.js";
import { metricValue as metric } from "./support/metrics.js";
import { startPushService, type PushService } from "./support/pushService.js";
import { subscribeBrowser, testWebPush as webPush } from "./support/webPushConfig.js";

let service: PushService;
beforeAll(async () => {
  service = await startPushService();
});
afterAll(async () => {
  await service.close();
});

describe("notification preferences honoured by notifications and Web Push", () => {
  it("a room set to nothing makes no notification and no push; mentions-only still notifies a mention; do-not-disturb lists it without a push", async () => {
    await using world = await testWorld({ config: { webPush } });
    const bob = await registerAccount(world.server.httpUrl, "Bob");
    const clientHash = await subscribeBrowser(service, world.server.httpUrl, bob.token);
    // Bob's one socket is hidden (as a backgrounded tab): pushes go out, frames still arrive.
    const bobTab = await world.hello({
      token: bob.token,
      caps: [Capability.ReadReceipts, Capability.Visibility],
    });
    bobTab.client.send({ type: "visibility", visible: false });
    bobTab.client.send({
      type: "set_prefs",
      ref: "p1",
      rooms: [
        { room: "quiet", level: "none" },
        { room: "ops", level: "mentions" },
      ],
    });
    await bobTab.client.waitFor("prefs", (m) => m.ref === "p1");

    const alice = await world.hello({ name: "Alice" });
    const say = async (room: string, cid: string, text: string) => {
      await alice.client.join(room);
      alice.client.send({ type: "send", room, cid, text });
      return alice.client.waitFor("ack", (m) => m.cid === cid);
    };
    const before = service.received.length;
    await say("quiet", "c1", "@Bob the quiet room");
    // Mentions are notified in message order: once the next one is pushed, this one was decided.
    const mention = await say("ops", "c2", "@Bob the build is red");
    await service.nthPush(before + 1);
    const [text] = await service.messages(clientHash);
    expect(WebPushPayload.parse(JSON.parse(text ?? "null"))).toMatchObject({
      kind: "mention",
      room: "ops",
      messageId: mention.id,
    });
    const frame = await bobTab.client.waitFor("notification");
    expect(frame.notification.link).toMatchObject({ room: "ops", messageId: mention.id });

    // Do not disturb: the mention is still listed (a frame, stored) but interrupts nobody.
    bobTab.client.send({ type: "set_prefs", ref: "p2", dndUntil: LIMITS.dndForever });
    await bobTab.client.waitFor("prefs", (m) => m.ref === "p2");
    const late = await say("ops", "c3", "@Bob again, at night");
    await bobTab.client.waitFor("notification", (m) => m.notification.link?.messageId === late.id);
    await vi.waitFor(async () =>
      expect(await metric(world.server.httpUrl, "duplex_web_push_suppressed_total")).toBe(1),
    );
    expect(service.received.length).toBe(before + 1);
    const notified = bobTab.client.received.flatMap((m) =>
      m.type === "notification" ? [m.notification.link?.room] : [],
    );
    expect(notified).toEqual(["ops", "ops"]);

    // After do-not-disturb, a mention pushes again.
    bobTab.client.send({ type: "set_prefs", ref: "p3", dndUntil: 0 });
    await bobTab.client.waitFor("prefs", (m) => m.ref === "p3");
    await say("ops", "c4", "@Bob morning");
    await service.nthPush(before + 2);
  });

  it("a DM still notifies under mentions-only and not under nothing", async () => {
    await using world = await testWorld();
    const caps = [Capability.ReadReceipts, Capability.DmNotifications];
    const bob = await world.hello({ name: "Bob", caps });
    const alice = await world.hello({ name: "Alice", caps });
    const room = dmRoomId(alice.welcome.user.id, bob.welcome.user.id);
    await alice.client.join(room);
    const send = async (cid: string) => {
      alice.client.send({ type: "send", room, cid, text: cid });
      return alice.client.waitFor("ack", (m) => m.cid === cid);
    };
    const prefs = async (ref: string, level: "mentions" | "none") => {
      bob.client.send({ type: "set_prefs", ref, rooms: [{ room, level }] });
      await bob.client.waitFor("prefs", (m) => m.ref === ref);
    };
    await prefs("p1", "mentions");
    const first = await send("first");
    await bob.client.waitFor("notification", (m) => m.notification.link?.messageId === first.id);
    await prefs("p2", "none");
    // Notifications are decided in message order: once "third" notifies, "silenced" was decided.
    await send("silenced");
    await prefs("p3", "mentions");
    const third = await send("third");
    await bob.client.waitFor("notification", (m) => m.notification.link?.messageId === third.id);
    const bodies = bob.client.received.flatMap((m) =>
      m.type === "notification" ? [m.notification.body] : [],
    );
    expect(bodies).toEqual(["first", "third"]);
  });
});
