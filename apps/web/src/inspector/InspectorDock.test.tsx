import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderSignedIn } from "../test/renderWithStore.js";
import { InspectorPanel } from "./InspectorPanel.js";
import { InspectorToggle } from "./InspectorToggle.js";
import { DEFAULT_WIDTH, MIN_WIDTH, STEP } from "./useDockWidth.js";

beforeEach(() => {
  vi.stubGlobal("fetch", () => new Promise(() => undefined));
  window.localStorage.clear();
});
afterEach(() => {
  vi.unstubAllGlobals();
});

function setup() {
  const rendered = renderSignedIn(
    <>
      <InspectorToggle />
      <InspectorPanel />
    </>,
  );
  return { ...rendered, user: userEvent.setup() };
}

describe("the docked inspector", () => {
  it("takes focus when opened, closes on Esc and gives focus back to its button", async () => {
    const { user, store } = setup();
    const toggle = screen.getByRole("button", { name: "Inspector" });
    await user.click(toggle);
    expect(document.activeElement).toBe(
      screen.getByRole("heading", { name: "Protocol inspector" }),
    );

    await user.keyboard("{Escape}");
    expect(store.getState().inspector.open).toBe(false);
    expect(document.activeElement).toBe(toggle);
  });

  it("is resized from the keyboard and leaves the chat that much room", async () => {
    Object.defineProperty(window, "innerWidth", { configurable: true, value: 1280 });
    const { user } = setup();
    await user.click(screen.getByRole("button", { name: "Inspector" }));
    const edge = screen.getByRole("separator", { name: "Inspector width" });
    const root = document.documentElement;
    expect(root.style.getPropertyValue("--inspector-width")).toBe(`${DEFAULT_WIDTH}px`);

    edge.focus();
    await user.keyboard("{ArrowRight}");
    expect(edge.getAttribute("aria-valuenow")).toBe(String(DEFAULT_WIDTH - STEP));
    expect(root.style.getPropertyValue("--inspector-width")).toBe(`${DEFAULT_WIDTH - STEP}px`);
    await user.keyboard("{End}");
    expect(edge.getAttribute("aria-valuenow")).toBe(String(MIN_WIDTH));

    await user.keyboard("{Escape}");
    // Closed: the chat gets its full width back.
    expect(root.style.getPropertyValue("--inspector-width")).toBe("");
  });
});
