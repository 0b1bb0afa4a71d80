import { act, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { App } from "../components/App.js";
import { renderWithStore } from "../test/renderWithStore.js";
import { LOCALE_STORAGE_KEY } from "./locale.js";
import { localeStore } from "./localeStore.js";

// The Chinese chunk cannot be fetched (offline, or a deploy replaced it).
vi.mock("./zhStrings.js", () => {
  throw new Error("Failed to fetch dynamically imported module");
});

afterEach(() => window.localStorage.clear());

describe("language switcher when the Chinese strings cannot load", () => {
  it("keeps the page in English and usable", async () => {
    const user = userEvent.setup();
    renderWithStore(<App />);

    await user.selectOptions(screen.getByRole("combobox", { name: "Language" }), "简体中文");
    // Trying again fails the same way; once it has settled, so has the pick above.
    await act(() => localeStore.getState().setLocale("zh-CN"));

    expect(screen.getByRole("combobox", { name: "Language" })).toHaveProperty("value", "en");
    expect(screen.getByRole("button", { name: "Join chat" })).toBeTruthy();
    expect(document.documentElement.lang).toBe("en");
    expect(window.localStorage.getItem(LOCALE_STORAGE_KEY)).toBeNull();

    await user.type(screen.getByLabelText("Your name"), "   ");
    await user.click(screen.getByRole("button", { name: "Join chat" }));
    expect(screen.getByRole("alert").textContent).toBe("Name must not be empty");
  });
});
