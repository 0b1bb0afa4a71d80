import { describe, expect, it } from "vitest";
import { parseNotifyArgs } from "./notifyArgs.js";

describe("parseNotifyArgs", () => {
  it("builds a request for each kind of target", () => {
    expect(parseNotifyArgs(["--to", "all", "Deploy finished"], {})).toEqual({
      ok: true,
      url: "http://127.0.0.1:8080",
      request: { to: "all", title: "Deploy finished", body: "", level: "info" },
    });
    const user = parseNotifyArgs(
      ["--to", "user:Ann Lee", "--level", "warning", "--url", "http://localhost:9/", "T", "B"],
      {},
    );
    expect(user).toEqual({
      ok: true,
      url: "http://localhost:9",
      request: { to: { user: "Ann Lee" }, title: "T", body: "B", level: "warning" },
    });
    expect(parseNotifyArgs(["--to", "room:ops", "T"], { PORT: "3000" })).toMatchObject({
      url: "http://127.0.0.1:3000",
      request: { to: { room: "ops" } },
    });
  });

  it("explains what is wrong", () => {
    expect(parseNotifyArgs(["T"], {})).toEqual({ ok: false, message: "--to is required" });
    expect(parseNotifyArgs(["--to", "someone", "T"], {})).toMatchObject({ ok: false });
    expect(parseNotifyArgs(["--to", "all"], {})).toMatchObject({ ok: false });
    expect(parseNotifyArgs(["--to", "all", "--level", "panic", "T"], {})).toMatchObject({
      ok: false,
      message: expect.stringMatching(/level/),
    });
    expect(parseNotifyArgs(["--to", "all", "--bogus", "T"], {})).toMatchObject({ ok: false });
  });
});
