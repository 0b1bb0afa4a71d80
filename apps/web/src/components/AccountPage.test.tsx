import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { localeStore } from "../i18n/localeStore.js";
import type { HttpCall } from "../store/accountActions.js";
import { ScriptedClient } from "../test/scriptedClient.js";
import { ChatScreen } from "./ChatScreen.js";
import { renderWithStore } from "../test/renderWithStore.js";

afterEach(async () => {
  await act(() => localeStore.getState().setLocale("en"));
});

const MIA = { id: "u_mia000000000", name: "mia" };
const T0 = Date.UTC(2026, 10, 30, 9, 0);
const session = (id: string, device: string, current = false) => ({
  id,
  device,
  createdAt: T0,
  lastSeenAt: T0 + 3_600_000,
  expiresAt: T0 + 86_400_000,
  current,
});

/** The account API as a small in-memory server: sessions (revocable) and the audit log. */
function fakeApi(audit: { status: number; entries?: unknown[] }) {
  let sessions = [
    session("s_here", "Firefox on Linux", true),
    session("s_phone", "Safari on iPhone"),
    session("s_tablet", "Chrome on Android"),
  ];
  const requests: string[] = [];
  const json = (status: number, body?: unknown) =>
    new Response(body === undefined ? null : JSON.stringify(body), { status });
  const http: HttpCall = (path, init) => {
    const method = init.method ?? "GET";
    requests.push(`${method} ${path} ${new Headers(init.headers).get("authorization") ?? ""}`);
    if (path === "/api/auth/sessions") return Promise.resolve(json(200, { sessions }));
    if (method === "DELETE" && path.startsWith("/api/auth/sessions/")) {
      const id = decodeURIComponent(path.slice("/api/auth/sessions/".length));
      sessions = sessions.filter((s) => s.id !== id);
      return Promise.resolve(json(204));
    }
    if (path === "/api/auth/me") {
      const role = audit.status === 403 ? "member" : "admin";
      return Promise.resolve(json(200, { user: MIA, role, guest: false }));
    }
    if (path === "/api/admin/audit") {
      return Promise.resolve(
        audit.status === 200
          ? json(200, { entries: audit.entries ?? [] })
          : json(audit.status, { error: "owners and admins only" }),
      );
    }
    return Promise.resolve(json(404, { error: "not found" }));
  };
  return { http, requests };
}

function renderChat(http: HttpCall) {
  const { client, store } = renderWithStore(<ChatScreen />, new ScriptedClient(), { http });
  act(() => {
    store.getState().actions.signIn(MIA.name);
    client.welcome(MIA);
    client.token = "tok.mia";
  });
  return { client, store, user: userEvent.setup() };
}

function deviceItems(): HTMLElement[] {
  return within(screen.getByRole("region", { name: "Signed-in devices" })).getAllByRole("listitem");
}

describe("account page: devices", () => {
  it("lists the devices from the header, marks this one, and revokes another with the keyboard", async () => {
    const { http, requests } = fakeApi({ status: 403 });
    const { user } = renderChat(http);
    const open = screen.getByRole("button", { name: "Devices" });
    open.focus();
    await user.keyboard("{Enter}");
    expect(open.getAttribute("aria-expanded")).toBe("true");
    await waitFor(() => expect(deviceItems()).toHaveLength(3));
    expect(requests[0]).toBe("GET /api/auth/sessions Bearer tok.mia");
    const [here, phone] = deviceItems();
    expect(here?.textContent).toContain("Firefox on Linux (This device)");
    expect(here?.getAttribute("aria-current")).toBe("true");
    expect(within(here!).queryByRole("button")).toBeNull(); // this device signs out with "Sign out"
    expect(phone?.textContent).toContain("Last used");

    within(phone!).getByRole("button", { name: "Revoke Safari on iPhone" }).focus();
    await user.keyboard("{Enter}");
    await waitFor(() => expect(deviceItems()).toHaveLength(2));
    expect(requests).toContain("DELETE /api/auth/sessions/s_phone Bearer tok.mia");
    expect(screen.queryByText("Safari on iPhone")).toBeNull();
    // Not a moderator: the server refused the log, and nothing of it shows.
    expect(screen.queryByRole("region", { name: "Moderation log" })).toBeNull();

    await user.keyboard("{Escape}");
    expect(screen.queryByRole("region", { name: "Signed-in devices" })).toBeNull();
    expect(document.activeElement).toBe(open);
  });

  it("signs out everywhere else, leaving only this device, in Chinese too", async () => {
    const { http, requests } = fakeApi({ status: 403 });
    const { user } = renderChat(http);
    await act(() => localeStore.getState().setLocale("zh-CN"));
    await user.click(screen.getByRole("button", { name: "设备" }));
    const region = await screen.findByRole("region", { name: "已登录的设备" });
    await waitFor(() => expect(within(region).getAllByRole("listitem")).toHaveLength(3));
    expect(region.textContent).toContain("本设备");
    await user.click(within(region).getByRole("button", { name: "退出其他所有设备" }));
    await waitFor(() => expect(within(region).getAllByRole("listitem")).toHaveLength(1));
    expect(requests.filter((r) => r.startsWith("DELETE")).sort()).toEqual([
      "DELETE /api/auth/sessions/s_phone Bearer tok.mia",
      "DELETE /api/auth/sessions/s_tablet Bearer tok.mia",
    ]);
    expect(within(region).queryByRole("button", { name: "退出其他所有设备" })).toBeNull();
    await user.click(screen.getByRole("button", { name: "返回聊天" }));
    expect(screen.queryByRole("region", { name: "已登录的设备" })).toBeNull();
  });
});

describe("account page: moderation log", () => {
  it("shows owners and admins the audit log, newest first as the server sends it", async () => {
    const entries = [
      {
        ts: T0 + 2000,
        actor: "u_owner0000000",
        action: "mute",
        target: "u_bob00000000",
        detail: "general 60s",
      },
      {
        ts: T0 + 1000,
        actor: "u_owner0000000",
        action: "ban",
        target: "u_eve00000000",
        detail: "",
      },
    ];
    const { http } = fakeApi({ status: 200, entries });
    const { user } = renderChat(http);
    await user.click(screen.getByRole("button", { name: "Devices" }));
    const log = await screen.findByRole("region", { name: "Moderation log" });
    const rows = within(log).getAllByRole("row").slice(1);
    expect(rows.map((r) => within(r).getAllByRole("cell")[2]?.textContent)).toEqual([
      "Mute",
      "Ban",
    ]);
    expect(rows[0]?.textContent).toContain("u_bob00000000");
    expect(rows[0]?.textContent).toContain("general 60s");
    await act(() => localeStore.getState().setLocale("zh-CN"));
    expect(within(log).getAllByRole("row")[1]?.textContent).toContain("禁言");
  });

  it("says so when the log cannot be loaded (not a refusal)", async () => {
    const { http } = fakeApi({ status: 500 });
    const { user } = renderChat(http);
    await user.click(screen.getByRole("button", { name: "Devices" }));
    expect(
      (await screen.findByText("Could not load the moderation log.")).getAttribute("role"),
    ).toBe("alert");
  });
});
