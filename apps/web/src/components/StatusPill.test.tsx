import { act, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { localeStore } from "../i18n/localeStore.js";
import { renderWithStore } from "../test/renderWithStore.js";
import { ALICE } from "../test/scriptedClient.js";
import { showSlotWaits } from "../store/tabStreamSlots.js";
import { StatusPill } from "./StatusPill.js";

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);

/** The pill after the server closed for good with this code and reason. */
function closedFatally(code: number, reason: string): void {
  const { client } = renderWithStore(<StatusPill />);
  act(() =>
    client.setState({
      status: "closed",
      attempt: 0,
      lastClose: { code, reason, retryable: false },
    }),
  );
}

describe("StatusPill", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date", "setInterval", "clearInterval"] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());

  it("says Offline before signing in, in a live status region", () => {
    renderWithStore(<StatusPill />);
    const pill = screen.getByRole("status");
    expect(pill.textContent).toBe("Offline");
    expect(pill.getAttribute("aria-live")).toBe("polite");
  });

  it("says Connecting… while the first socket opens", () => {
    const { client } = renderWithStore(<StatusPill />);
    act(() => client.connect());
    expect(screen.getByRole("status").textContent).toBe("Connecting…");
  });

  it("says Online with the measured round-trip time", () => {
    const { client } = renderWithStore(<StatusPill />);
    act(() => client.welcome(ALICE));
    expect(screen.getByRole("status").textContent).toBe("Online");

    act(() => client.emit("rtt", 22.6));
    expect(screen.getByRole("status").textContent).toBe("Online · 23 ms");
  });

  it("counts down to the next reconnect attempt", () => {
    const { client } = renderWithStore(<StatusPill />);
    act(() => client.setState({ status: "reconnecting", attempt: 2, nextRetryAt: NOW + 2500 }));
    expect(screen.getByRole("status").textContent).toBe("Reconnecting in 3 s (attempt 2)");

    act(() => vi.advanceTimersByTime(1000));
    expect(screen.getByRole("status").textContent).toBe("Reconnecting in 2 s (attempt 2)");

    act(() => vi.advanceTimersByTime(2000));
    expect(screen.getByRole("status").textContent).toBe("Reconnecting… (attempt 2)");
  });

  it("walks from reconnecting back to online", () => {
    const { client } = renderWithStore(<StatusPill />);
    act(() => client.setState({ status: "reconnecting", attempt: 1, nextRetryAt: NOW + 500 }));
    expect(screen.getByRole("status").textContent).toContain("Reconnecting");

    act(() => client.welcome(ALICE));
    expect(screen.getByRole("status").textContent).toBe("Online");
  });

  it("says Offline with the reason after a fatal close", () => {
    closedFatally(4401, "invalid or expired token");
    expect(screen.getByRole("status").textContent).toBe("Offline — invalid or expired token");
  });

  it("explains 4426 in the UI's language, not with the English wire reason", async () => {
    await act(() => localeStore.getState().setLocale("zh-CN"));
    try {
      closedFatally(4426, "upgrade required: duplex.v1");
      expect(screen.getByRole("status").textContent).toBe("离线 — 服务器已升级：请重新加载页面");
    } finally {
      await act(() => localeStore.getState().setLocale("en"));
    }
  });

  it("says which transport is live: WebSocket, or the SSE fallback (in 中文 too)", async () => {
    const { client } = renderWithStore(<StatusPill />);
    act(() => {
      client.welcome(ALICE);
      client.emit("transport", "websocket");
      client.emit("rtt", 12);
    });
    expect(screen.getByRole("status").textContent).toBe("Online · WebSocket · 12 ms");
    act(() => client.emit("transport", "sse"));
    expect(screen.getByRole("status").textContent).toBe("Online · SSE fallback · 12 ms");
    await act(() => localeStore.getState().setLocale("zh-CN"));
    try {
      expect(screen.getByRole("status").textContent).toBe("在线 · SSE 备用通道 · 12 毫秒");
    } finally {
      await act(() => localeStore.getState().setLocale("en"));
    }
    // A dropped link no longer claims a transport.
    act(() => client.setState({ status: "reconnecting", attempt: 1, nextRetryAt: NOW + 500 }));
    expect(screen.getByRole("status").textContent).not.toContain("SSE");
  });

  it("says it waits for a free connection while other tabs hold every stream slot, not Connecting…", async () => {
    const rendered = renderWithStore(<StatusPill />);
    let changed: (waiting: boolean) => void = () => {};
    const slots = {
      count: 4,
      waiting: false,
      onChange: (listener: (waiting: boolean) => void) => ((changed = listener), () => {}),
      acquire: () => Promise.resolve(() => {}),
    };
    showSlotWaits(slots, rendered.store);
    act(() => rendered.client.connect());
    act(() => changed(true));
    expect(screen.getByRole("status").textContent).toBe(
      "Waiting for a free connection — 4 other tabs are on the SSE fallback; close one",
    );
    await act(() => localeStore.getState().setLocale("zh-CN"));
    try {
      expect(screen.getByRole("status").textContent).toBe(
        "等待空闲连接 — 另有 4 个标签页在使用 SSE 备用通道；请关闭一个",
      );
    } finally {
      await act(() => localeStore.getState().setLocale("en"));
    }
    // Granted: the link opens as any other.
    act(() => changed(false));
    act(() => rendered.client.welcome(ALICE));
    expect(screen.getByRole("status").textContent).toBe("Online");
  });
});
