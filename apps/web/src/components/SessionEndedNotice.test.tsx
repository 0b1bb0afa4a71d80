import { CloseCode } from "@duplex/protocol";
import { act, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { localeStore } from "../i18n/localeStore.js";
import { NAME_STORAGE_KEY } from "../store/sessionSlice.js";
import { ScriptedClient } from "../test/scriptedClient.js";
import { App } from "./App.js";
import { renderWithStore } from "../test/renderWithStore.js";
import { memoryStorage } from "../test/memoryStorage.js";

afterEach(async () => {
  await act(() => localeStore.getState().setLocale("en"));
});

function signedInApp() {
  const storage = memoryStorage();
  const saved = storage.map;
  const { client, store } = renderWithStore(<App />, new ScriptedClient(), { storage });
  act(() => {
    store.getState().actions.signIn("Alice");
    client.welcome({ id: "u_alice000000", name: "Alice" });
  });
  expect(screen.getByRole("heading", { name: "#general" })).toBeTruthy();
  const closeWith = (code: number) =>
    act(() =>
      client.setState({
        status: "closed",
        attempt: 0,
        lastClose: { code, reason: "", retryable: false },
      }),
    );
  return { client, saved, closeWith };
}

describe("SessionEndedNotice", () => {
  it("lands on the sign-in screen saying this device was signed out (4401), without the saved name", () => {
    const { client, saved, closeWith } = signedInApp();
    expect(saved.get(NAME_STORAGE_KEY)).toBe("Alice");
    closeWith(CloseCode.Unauthorized);
    expect(screen.queryByRole("heading", { name: "#general" })).toBeNull();
    expect(screen.getByRole("alert").textContent).toBe(
      "You were signed out: this device's session was ended. Sign in again to continue.",
    );
    expect(screen.getByLabelText("Your name")).toBeTruthy();
    // A reload must not sign in again by itself.
    expect(saved.has(NAME_STORAGE_KEY)).toBe(false);
    // What was unsent stays for "Send as…" after signing in again: the identity is not forgotten here.
    expect(client.calls).not.toContain("forget");
  });

  it("says the account is banned (4403) and forgets everything of it, in Chinese too", async () => {
    const { client, closeWith } = signedInApp();
    await act(() => localeStore.getState().setLocale("zh-CN"));
    closeWith(CloseCode.Forbidden);
    expect(screen.getByRole("alert").textContent).toBe("你已退出登录：你的账号已被本服务器封禁。");
    expect(client.calls).toContain("forget");
  });

  it("stays in the chat for a close that does not end the session", () => {
    const { closeWith } = signedInApp();
    closeWith(CloseCode.UpgradeRequired);
    expect(screen.getByRole("heading", { name: "#general" })).toBeTruthy();
    expect(screen.queryByText(/You were signed out/)).toBeNull();
  });
});
