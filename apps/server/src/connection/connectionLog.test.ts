import { Writable } from "node:stream";
import { pino } from "pino";
import { describe, expect, it, vi } from "vitest";
import { ConnectionLog } from "./connectionLog.js";

function capturingLogger(level: string) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString("utf8")) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level }, sink), lines };
}

describe("ConnectionLog", () => {
  it("writes lines bound to the connection id at enabled levels", async () => {
    const { logger, lines } = capturingLogger("info");
    const log = new ConnectionLog(logger, "c_x_1");
    log.info({ user: "u_1" }, "welcome");
    log.debug("not at info");
    await vi.waitFor(() => expect(lines).toHaveLength(1));
    expect(lines[0]).toMatchObject({ conn: "c_x_1", user: "u_1", msg: "welcome" });
  });

  it("makes no pino child for lines below the server's level", () => {
    const { logger } = capturingLogger("error");
    const child = vi.spyOn(logger, "child");
    const log = new ConnectionLog(logger, "c_x_2");
    log.info("welcome");
    log.warn("socket error");
    expect(child).not.toHaveBeenCalled();
    log.error("failed");
    expect(child).toHaveBeenCalledTimes(1);
  });
});
