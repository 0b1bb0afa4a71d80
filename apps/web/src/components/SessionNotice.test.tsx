import { SIGNED_OUT } from "@duplex/client";
import { CloseCode } from "@duplex/protocol";
import { act, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { renderWithStore } from "../test/renderWithStore.js";
import { SessionNotice } from "./SessionNotice.js";
import { SignedOutMessages } from "./SignedOutMessages.js";

function closedWith(code: number, reason: string) {
  return { status: "closed" as const, attempt: 0, lastClose: { code, reason, retryable: false } };
}

describe("SessionNotice", () => {
  it("asks for a reload, not a reconnect, when the server no longer speaks our protocol (4426)", async () => {
    const onReload = vi.fn();
    const { client } = renderWithStore(<SessionNotice onReload={onReload} />);
    act(() =>
      client.setState(
        closedWith(CloseCode.UpgradeRequired, "client protocol version not supported; reload"),
      ),
    );
    expect(screen.getByRole("alert").textContent).toContain(
      "Please reload: the server was upgraded.",
    );
    expect(screen.queryByRole("button", { name: "Reconnect" })).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Reload" }));
    expect(onReload).toHaveBeenCalledOnce();
  });

  it("asks to sign in again after a refused token (4401), which connects afresh", async () => {
    const { client } = renderWithStore(<SessionNotice />);
    act(() => client.setState(closedWith(CloseCode.Unauthorized, "invalid or expired token")));
    expect(screen.getByRole("alert").textContent).toContain("Signed out");
    await userEvent.click(screen.getByRole("button", { name: "Sign in again" }));
    expect(client.calls).toContain("connect");
  });

  it("keeps the plain Reconnect button for other fatal closes", () => {
    const { client } = renderWithStore(<SessionNotice />);
    act(() => client.setState(closedWith(CloseCode.Forbidden, "forbidden")));
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByRole("button", { name: "Reconnect" })).toBeTruthy();
  });
});

describe("SignedOutMessages", () => {
  const entry = (cid: string, text: string) => ({
    cid,
    room: "general",
    text,
    createdAt: 1,
    status: "failed" as const,
    error: SIGNED_OUT,
  });

  it("shows messages left unsent by a refused token and sends them as the new user only on request", async () => {
    const { client } = renderWithStore(<SignedOutMessages />);
    act(() => client.setOutbox([entry("c1", "one"), entry("c2", "two")]));
    const region = screen.getByRole("region", { name: "Messages not sent" });
    expect(region.textContent).toContain("2 messages not sent — signed out.");
    // Not signed in yet: nothing to send as.
    expect(screen.queryByRole("button", { name: /Send as/ })).toBeNull();
    expect(client.calls.filter((c) => c.startsWith("retry"))).toEqual([]);

    act(() => client.welcome({ id: "u_bobbbbbbbbbbbb", name: "Bob" }));
    await userEvent.click(screen.getByRole("button", { name: "Send as Bob" }));
    expect(client.calls.filter((c) => c.startsWith("retry"))).toEqual(["retry c1", "retry c2"]);
    expect(screen.queryByRole("region", { name: "Messages not sent" })).toBeNull();
  });

  it("discards them when the user says so", async () => {
    const { client } = renderWithStore(<SignedOutMessages />);
    act(() => client.setOutbox([entry("c1", "one")]));
    expect(screen.getByRole("region").textContent).toContain("1 message not sent");
    await userEvent.click(screen.getByRole("button", { name: "Discard" }));
    expect(client.outbox).toEqual([]);
    expect(screen.queryByRole("region")).toBeNull();
  });

  it("ignores messages that failed for other reasons", () => {
    const { client } = renderWithStore(<SignedOutMessages />);
    act(() => client.setOutbox([{ ...entry("c1", "one"), error: "rate_limited" }]));
    expect(screen.queryByRole("region")).toBeNull();
  });
});
