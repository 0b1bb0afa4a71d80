import { pino } from "pino";
import { describe, expect, it, vi } from "vitest";
import type { Broker } from "./Broker.js";
import { InProcessBroker } from "./InProcessBroker.js";
import { JsonChannel } from "./JsonChannel.js";

class Numbers extends JsonChannel<{ n: number }> {
  readonly heard: { n: number }[] = [];

  constructor(broker: Broker, log: pino.Logger) {
    super(broker, "c", log, "test value");
  }

  say(n: number): Promise<void> {
    return this.publish({ n });
  }

  protected hear(value: { n: number }): void {
    this.heard.push(value);
  }
}

describe("JsonChannel", () => {
  it("hears published values decoded, and logs and drops a payload that does not parse", async () => {
    const broker = new InProcessBroker();
    const log = pino({ level: "silent" });
    const logged = vi.spyOn(log, "error");
    const channel = new Numbers(broker, log);
    await channel.start();
    await channel.say(1);
    await broker.publish("c", "{not json");
    await channel.say(2);
    await channel.stop();
    await channel.say(3);
    expect(channel.heard).toEqual([{ n: 1 }, { n: 2 }]);
    expect(logged).toHaveBeenCalledOnce();
    expect(logged.mock.calls[0]?.[1]).toBe("undecodable test value");
  });
});
