import { act, cleanup, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { App } from "../components/App.js";
import { renderWithStore } from "../test/renderWithStore.js";
import { ALICE } from "../test/scriptedClient.js";
import { LOCALE_STORAGE_KEY } from "./locale.js";
import { createLocaleStore, localeStore } from "./localeStore.js";

afterEach(async () => {
  await act(() => localeStore.getState().setLocale("en"));
  window.localStorage.clear();
});

describe("language switcher", () => {
  it("starts in English for an English browser", () => {
    renderWithStore(<App />);
    expect(navigator.languages[0]).toMatch(/^en/);
    expect(screen.getByRole("combobox", { name: "Language" })).toHaveProperty("value", "en");
    expect(document.documentElement.lang).toBe("en");
  });

  it("switches the sign-in form to 中文 and marks the page as Chinese", async () => {
    const user = userEvent.setup();
    renderWithStore(<App />);

    await user.selectOptions(screen.getByRole("combobox", { name: "Language" }), "简体中文");

    // The Chinese strings are a separate chunk: the form switches once it has loaded.
    expect(await screen.findByRole("combobox", { name: "语言" })).toHaveProperty("value", "zh-CN");
    expect(screen.getByLabelText("你的名字")).toBeTruthy();
    expect(screen.getByRole("button", { name: "加入聊天" })).toBeTruthy();
    expect(screen.queryByText("Join chat")).toBeNull();
    expect(document.documentElement.lang).toBe("zh-CN");
    expect(window.localStorage.getItem(LOCALE_STORAGE_KEY)).toBe("zh-CN");
  });

  it("explains an invalid name in Chinese", async () => {
    const user = userEvent.setup();
    renderWithStore(<App />);
    await user.selectOptions(screen.getByRole("combobox", { name: "Language" }), "zh-CN");

    await user.type(await screen.findByLabelText("你的名字"), "   ");
    await user.click(screen.getByRole("button", { name: "加入聊天" }));

    expect(screen.getByRole("alert").textContent).toBe("名字不能为空");
  });

  it("translates the chat screen, and switching back restores the exact English", async () => {
    const user = userEvent.setup();
    const { client } = renderWithStore(<App />);
    await user.type(screen.getByLabelText("Your name"), "Alice{Enter}");
    act(() => client.welcome(ALICE));
    const banner = screen.getByRole("banner");
    expect(within(banner).getByRole("status").textContent).toBe("Online");

    await user.selectOptions(within(banner).getByRole("combobox", { name: "Language" }), "zh-CN");

    const composer = await screen.findByLabelText("消息");
    expect(within(banner).getByRole("status").textContent).toBe("在线");
    expect(composer.getAttribute("placeholder")).toBe("发消息到 #general");
    expect(screen.getByRole("log", { name: "#general 的对话" })).toBeTruthy();
    expect(screen.getByText("还没有消息。打个招呼吧！")).toBeTruthy();
    expect(within(banner).getByText("当前用户", { exact: false })).toBeTruthy();

    await user.selectOptions(within(banner).getByRole("combobox", { name: "语言" }), "en");

    const english = await screen.findByLabelText("Message");
    expect(english.getAttribute("placeholder")).toBe("Message #general");
    expect(within(banner).getByRole("status").textContent).toBe("Online");
  });

  it("is remembered for a new store and a fresh page", async () => {
    const user = userEvent.setup();
    renderWithStore(<App />);
    await user.selectOptions(screen.getByRole("combobox", { name: "Language" }), "zh-CN");
    await screen.findByRole("combobox", { name: "语言" });
    cleanup();

    // A new app store over the same page keeps the language…
    renderWithStore(<App />);
    expect(screen.getByRole("button", { name: "加入聊天" })).toBeTruthy();
    // …and a reload (a new language store reading the same storage) finds it despite the English browser.
    const reloaded = createLocaleStore({
      storage: window.localStorage,
      languages: navigator.languages,
    });
    await reloaded.ready;
    expect(reloaded.getState().locale).toBe("zh-CN");
  });
});
