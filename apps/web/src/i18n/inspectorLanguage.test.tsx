import { act, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { InspectorPanel } from "../inspector/InspectorPanel.js";
import { InspectorToggle } from "../inspector/InspectorToggle.js";
import { inspectingRfcHandshake } from "../test/inspectorFixtures.js";
import { renderSignedIn } from "../test/renderWithStore.js";
import { localeStore } from "./localeStore.js";

beforeEach(() => {
  // The panel measures an HTTP request when it opens; this test is about its words.
  vi.stubGlobal("fetch", () => new Promise(() => undefined));
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await act(() => localeStore.getState().setLocale("en"));
  window.localStorage.clear();
});

describe("the inspector in 中文", () => {
  it("switches its toggle, headings, explanations and close-code table with the UI language", async () => {
    const rendered = renderSignedIn(
      <>
        <InspectorToggle />
        <InspectorPanel />
      </>,
    );
    act(() => rendered.store.getState().actions.setInspectorOpen(true));
    expect(screen.getByRole("button", { name: "Inspector" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Protocol inspector" })).toBeTruthy();

    await act(() => localeStore.getState().setLocale("zh-CN"));

    expect(screen.getByRole("button", { name: "检查器" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "协议检查器" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "握手" })).toBeTruthy();
    expect(screen.getByText("还没有帧。")).toBeTruthy();
    expect(screen.getByRole("table", { name: "关闭代码" }).textContent).toContain(
      "没有关闭帧就断开了",
    );
    expect(screen.queryByText("Protocol inspector")).toBeNull();
  });

  it("names the handshake rows and close code 4426 in 中文, with no English left in them", async () => {
    const rendered = renderSignedIn(<InspectorPanel />);
    act(() => rendered.store.getState().actions.setInspectorOpen(true));
    act(() => rendered.client.emit("message", inspectingRfcHandshake()));
    await act(() => localeStore.getState().setLocale("zh-CN"));

    const request = screen.getByRole("table", { name: "服务器收到的请求" });
    expect(within(request).getByRole("rowheader", { name: "请求行" })).toBeTruthy();
    expect(within(request).queryByRole("rowheader", { name: "Request" })).toBeNull();
    const response = screen.getByRole("table", { name: "服务器发出的响应" });
    expect(within(response).getByRole("rowheader", { name: "状态" })).toBeTruthy();
    const codes = screen.getByRole("table", { name: "关闭代码" });
    const upgraded = within(codes).getByRole("row", { name: /^4426/ });
    expect(upgraded.textContent).toContain("服务器已升级");
    expect(upgraded.textContent).not.toMatch(/[a-z]{4,}/);
  });
});
