import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { StatsSample } from "@duplex/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { localeStore } from "../i18n/localeStore.js";
import { renderSignedIn } from "../test/renderWithStore.js";
import type { ScriptedClient } from "../test/scriptedClient.js";
import { ServerStats } from "./ServerStats.js";
import { sparklinePath } from "./Sparkline.js";

const SUBSCRIBE = `request ${JSON.stringify({ type: "subscribe", topic: "stats" })}`;
const UNSUBSCRIBE = `request ${JSON.stringify({ type: "unsubscribe", topic: "stats" })}`;

function sample(extra: Partial<StatsSample> = {}): StatsSample {
  return {
    connections: 3,
    messagesPerSecond: 1.5,
    eventLoopLagMs: 2.25,
    rssBytes: 64 * 1024 * 1024,
    heapUsedBytes: 20 * 1024 * 1024,
    ...extra,
  };
}

function tick(client: ScriptedClient, ts: number, value = sample()): void {
  client.emit("message", { type: "data", topic: "stats", ts, value });
}

function setup() {
  const rendered = renderSignedIn(<ServerStats />);
  return rendered;
}

const toggle = () => screen.getByRole("button", { name: "Server stats" });

describe("server stats", () => {
  it("subscribes to the stats topic when shown and unsubscribes when hidden", async () => {
    const { client } = setup();
    expect(client.calls).not.toContain(SUBSCRIBE);
    await userEvent.click(toggle());
    expect(client.calls.filter((c) => c === SUBSCRIBE)).toHaveLength(1);
    expect(screen.queryByRole("region", { name: "Server stats" })).not.toBeNull();
    await userEvent.click(toggle());
    expect(client.calls).toContain(UNSUBSCRIBE);
    expect(screen.queryByRole("region", { name: "Server stats" })).toBeNull();
  });

  it("shows the current values as text and draws each series", async () => {
    const { client } = setup();
    await userEvent.click(toggle());
    act(() => {
      tick(client, 1000, sample({ connections: 2 }));
      tick(client, 2000, sample({ connections: 5, messagesPerSecond: 12 }));
    });
    const panel = screen.getByRole("region", { name: "Server stats" });
    const value = (label: string) =>
      within(panel).getByText(label).nextElementSibling?.querySelector(".stats-value")?.textContent;
    expect(value("Connected clients")).toBe("5");
    expect(value("Messages per second")).toBe("12.0");
    expect(value("Event-loop lag")).toBe("2.3 ms");
    expect(value("Memory (RSS)")).toBe("64.0 MiB");
    expect(within(panel).getByTestId("stats-samples").textContent).toBe("2");
    const paths = panel.querySelectorAll("svg path");
    expect(paths).toHaveLength(4);
    expect(paths[0]?.getAttribute("d")).toMatch(/^M0\.0 [\d.]+ L120\.0 [\d.]+$/);
  });

  it("ignores samples while hidden and subscribes again after a reconnect", async () => {
    const { client, store } = setup();
    act(() => tick(client, 1000));
    expect(store.getState().stats.received).toBe(0);
    await userEvent.click(toggle());
    act(() => {
      client.setState({ status: "reconnecting", attempt: 1, nextRetryAt: Date.now() + 500 });
      client.setState({ status: "open", attempt: 0 });
    });
    expect(client.calls.filter((c) => c === SUBSCRIBE)).toHaveLength(2);
  });
});

describe("sparklinePath", () => {
  it("scales values into the box, the largest at the top", () => {
    expect(sparklinePath([0, 5, 10], 100, 20)).toBe("M0.0 20.0 L50.0 10.0 L100.0 0.0");
    expect(sparklinePath([], 100, 20)).toBe("");
  });
});

describe("server stats in 中文", () => {
  afterEach(async () => {
    await act(() => localeStore.getState().setLocale("en"));
  });

  it("writes milliseconds as 毫秒, like the rest of the Chinese UI", async () => {
    await act(() => localeStore.getState().setLocale("zh-CN"));
    const { client } = setup();
    await userEvent.click(screen.getByRole("button", { name: "服务器状态" }));
    act(() => tick(client, 1000));
    const panel = screen.getByRole("region", { name: "服务器状态" });
    const lag = within(panel).getByText("事件循环延迟").nextElementSibling;
    expect(lag?.querySelector(".stats-value")?.textContent).toBe("2.3 毫秒");
  });
});
