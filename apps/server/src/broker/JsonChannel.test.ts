import { pino } from "pino";
import { describe, expect, it, vi } from "vitest";
import { InProcessBroker } from "./InProcessBroker.js";
import { JsonChannel } from "./JsonChannel.js";

describe("JsonChannel", () => {
  it("hears published values decoded, and logs and drops a payload that does not parse", async () => {
    const broker = new InProcessBroker();
    const log = pino({ level: "silent" });
    const logged = vi.spyOn(log, "error");
    const heard: { n: number }[] = [];
    const channel = new JsonChannel<{ n: number }>(broker, "c", {
      log,
      what: "test value",
      hear: (value) => heard.push(value),
    });
    await channel.start();
    await channel.publish({ n: 1 });
    await broker.publish("c", "{not json");
    await channel.publish({ n: 2 });
    await channel.stop();
    await channel.publish({ n: 3 });
    expect(heard).toEqual([{ n: 1 }, { n: 2 }]);
    expect(logged).toHaveBeenCalledOnce();
    expect(logged.mock.calls[0]?.[1]).toBe("undecodable test value");
  });
});
