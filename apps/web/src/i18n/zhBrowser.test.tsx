import { screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => {
  vi.restoreAllMocks();
  window.localStorage.clear();
  document.documentElement.lang = "en";
});

describe("a browser that prefers Chinese", () => {
  it("shows the sign-in form in 中文 from the first render, as main.tsx renders it", async () => {
    vi.spyOn(navigator, "languages", "get").mockReturnValue(["zh-CN", "en-US"]);
    // A fresh page: the language store reads the browser's languages when its module loads.
    vi.resetModules();
    const { localeStore } = await import("./localeStore.js");
    const { App } = await import("../components/App.js");
    const { renderWithStore } = await import("../test/renderWithStore.js");

    await localeStore.ready;
    renderWithStore(<App />);

    expect(screen.getByRole("combobox", { name: "语言" })).toHaveProperty("value", "zh-CN");
    expect(screen.getByLabelText("你的名字")).toBeTruthy();
    expect(screen.getByRole("button", { name: "加入聊天" })).toBeTruthy();
    expect(screen.queryByText("Join chat")).toBeNull();
    expect(document.documentElement.lang).toBe("zh-CN");
  });
});
