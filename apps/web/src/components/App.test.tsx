import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderWithStore } from "../test/renderWithStore.js";
import { App } from "./App.js";

describe("sign-in", () => {
  it("opens #general after choosing a name", async () => {
    const user = userEvent.setup();
    const { client } = renderWithStore(<App />);

    await user.type(screen.getByLabelText("Your name"), "Alice");
    await user.click(screen.getByRole("button", { name: "Join chat" }));

    expect(client.calls).toEqual(["setName Alice", "connect"]);
    expect(screen.getByRole("heading", { name: "#general" })).toBeTruthy();
    expect(screen.getByRole("log", { name: "#general conversation" })).toBeTruthy();
    // Playwright's getByLabel("Message") matches substrings: only the composer may carry that word.
    expect(screen.getByLabelText(/message/i).tagName).toBe("TEXTAREA");
    expect(within(screen.getByRole("banner")).getByRole("status").textContent).toBe("Connecting…");

    act(() => client.welcome({ id: "u_alice000000", name: "Alice" }));
    expect(within(screen.getByRole("banner")).getByRole("status").textContent).toContain("Online");
    // A new user has no saved rooms: #general is joined once the server said so.
    act(() => client.emit("message", { type: "rooms", rooms: [], joined: [] }));
    expect(client.calls.slice(-2)).toEqual(["join general", "open general"]);
  });

  it("explains an invalid name and stays on the form", async () => {
    const user = userEvent.setup();
    const { client } = renderWithStore(<App />);

    await user.type(screen.getByLabelText("Your name"), "   ");
    await user.click(screen.getByRole("button", { name: "Join chat" }));

    expect(screen.getByRole("alert").textContent).toBe("Name must not be empty");
    expect(screen.getByLabelText("Your name").getAttribute("aria-invalid")).toBe("true");
    expect(client.calls).toEqual([]);
  });

  it("signs in with Enter in the name field", async () => {
    const user = userEvent.setup();
    renderWithStore(<App />);

    await user.type(screen.getByLabelText("Your name"), "Bob{Enter}");

    expect(screen.getByText("Bob")).toBeTruthy();
  });

  it("offers Reconnect once the client has given up, and connects again", async () => {
    const user = userEvent.setup();
    const { client } = renderWithStore(<App />);
    await user.type(screen.getByLabelText("Your name"), "Alice{Enter}");
    expect(screen.queryByRole("button", { name: "Reconnect" })).toBeNull();

    // 4401 and 4403 end the session (the sign-in screen), 4426 asks for a reload (SessionNotice);
    // any other fatal close offers Reconnect.
    const lastClose = { code: 4400, reason: "first frame must be a valid hello", retryable: false };
    act(() => client.setState({ status: "closed", attempt: 0, lastClose }));
    await user.click(screen.getByRole("button", { name: "Reconnect" }));

    expect(client.calls.filter((c) => c === "connect")).toHaveLength(2);
    expect(within(screen.getByRole("banner")).getByRole("status").textContent).toBe("Connecting…");
    expect(screen.queryByRole("button", { name: "Reconnect" })).toBeNull();
  });
});
