import { LIMITS } from "@duplex/protocol";
import { fireEvent, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderWithStore, signedIn } from "../test/renderWithStore.js";
import { Composer } from "./Composer.js";

function setup() {
  const rendered = renderWithStore(<Composer room="general" />);
  signedIn(rendered);
  const sends = () => rendered.client.calls.filter((c) => c.startsWith("send "));
  return { ...rendered, sends, user: userEvent.setup() };
}

describe("Composer", () => {
  it("sends on Enter and clears the box", async () => {
    const { user, sends } = setup();
    const box = screen.getByLabelText("Message");

    await user.type(box, "Hello there{Enter}");

    expect(sends()).toEqual(["send general Hello there"]);
    expect(box).toHaveProperty("value", "");
  });

  it("inserts a newline on Shift+Enter instead of sending", async () => {
    const { user, sends } = setup();
    const box = screen.getByLabelText("Message");

    await user.type(box, "line one{Shift>}{Enter}{/Shift}line two");

    expect(sends()).toEqual([]);
    expect(box).toHaveProperty("value", "line one\nline two");

    await user.type(box, "{Enter}");
    expect(sends()).toEqual(["send general line one\nline two"]);
  });

  it("does not send an empty or blank message", async () => {
    const { user, sends } = setup();
    const box = screen.getByLabelText("Message");

    await user.type(box, "{Enter}   {Enter}");

    expect(sends()).toEqual([]);
    expect(screen.getByRole("button", { name: "Send" })).toHaveProperty("disabled", true);
  });

  it("counts down near the limit and refuses to send past it", async () => {
    const { user, sends } = setup();
    const box = screen.getByLabelText("Message");

    // Pasting thousands of characters through user.type would be slow; a change event is what paste does.
    fireEvent.change(box, { target: { value: "a".repeat(LIMITS.maxTextLength - 10) } });
    expect(screen.getByText("10 characters left")).toBeTruthy();

    fireEvent.change(box, { target: { value: "a".repeat(LIMITS.maxTextLength + 1) } });
    expect(
      screen.getByText(
        `Too long: ${LIMITS.maxTextLength + 1} / ${LIMITS.maxTextLength} characters`,
      ),
    ).toBeTruthy();
    expect(box.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByRole("button", { name: "Send" })).toHaveProperty("disabled", true);

    await user.type(box, "{Enter}");
    expect(sends()).toEqual([]);

    fireEvent.change(box, { target: { value: "a".repeat(LIMITS.maxTextLength) } });
    await user.click(screen.getByRole("button", { name: "Send" }));
    expect(sends()).toHaveLength(1);
  });

  it("grows with a long line that wraps, not only with newlines", async () => {
    const { user } = setup();
    const box = screen.getByLabelText<HTMLTextAreaElement>("Message");
    // jsdom does no layout: stand in for the browser's measure of the wrapped text.
    Object.defineProperty(box, "scrollHeight", {
      configurable: true,
      get: () => (box.value.length > 40 ? 96 : 40),
    });

    await user.type(box, "short");
    expect(box.style.height).toBe("40px");
    await user.type(box, " and then a sentence long enough to wrap onto a second and third line");
    expect(box.value).not.toContain("\n");
    expect(box.style.height).toBe("96px");
  });
});
