import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactElement } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { localeStore } from "../i18n/localeStore.js";
import type { HttpCall } from "../store/accountActions.js";
import { ScriptedClient } from "../test/scriptedClient.js";
import { PasskeysPanel } from "./PasskeysPanel.js";
import { SignInForm } from "./SignInForm.js";
import { renderWithStore } from "../test/renderWithStore.js";

// jsdom has no WebAuthn: the browser's ceremony is played here (the e2e runs the real one in Chromium).
const browser = vi.hoisted(() => ({
  startRegistration: vi.fn(),
  startAuthentication: vi.fn(),
  browserSupportsWebAuthn: vi.fn(() => true),
}));
vi.mock("@simplewebauthn/browser", () => browser);

const CREATED = { id: "cred1", rawId: "cred1", type: "public-key", response: {} };
const ASSERTED = { id: "cred1", rawId: "cred1", type: "public-key", response: {} };

/** The passkey API as a small in-memory server, recording what it was asked. */
function fakeServer() {
  let passkeys: { id: string; label: string; transports: string[]; createdAt: number }[] = [];
  const requests: string[] = [];
  const json = (status: number, body?: unknown) =>
    new Response(body === undefined ? null : JSON.stringify(body), { status });
  const http: HttpCall = async (path, init) => {
    const method = init.method ?? "GET";
    const auth = new Headers(init.headers).get("authorization") ?? "";
    requests.push(`${method} ${path} ${auth}`.trim());
    const body =
      typeof init.body === "string" ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    if (path === "/api/auth/passkeys") return json(200, { passkeys });
    if (path.endsWith("/options")) return json(200, { options: { challenge: "Y2hhbGxlbmdl" } });
    if (path === "/api/auth/passkey-registration/verify") {
      const passkey = {
        id: "cred1",
        label: String(body.label ?? "Passkey"),
        transports: [],
        createdAt: 0,
      };
      passkeys = [passkey, ...passkeys];
      return json(201, { passkey });
    }
    if (method === "DELETE" && path.startsWith("/api/auth/passkeys/")) {
      passkeys = passkeys.filter((p) => p.id !== decodeURIComponent(path.split("/").pop() ?? ""));
      return json(204);
    }
    if (path === "/api/auth/passkey-login/verify") {
      return json(200, {
        user: { id: "u_mia000000000", name: "mia" },
        token: "tok.pk",
        tokenExpiresAt: 1,
      });
    }
    return json(404, { error: "not found" });
  };
  return { http, requests };
}

function renderWith(ui: ReactElement, http: HttpCall, token?: string) {
  const client = new ScriptedClient();
  client.token = token;
  const { store } = renderWithStore(ui, client, { http });
  return { client, store, user: userEvent.setup() };
}

beforeEach(() => {
  browser.startRegistration.mockResolvedValue(CREATED);
  browser.startAuthentication.mockResolvedValue(ASSERTED);
});
afterEach(async () => {
  vi.clearAllMocks();
  await act(() => localeStore.getState().setLocale("en"));
});

describe("passkeys on the account page", () => {
  it("adds a named passkey with the keyboard, lists it, and removes it", async () => {
    const { http, requests } = fakeServer();
    const { user } = renderWith(<PasskeysPanel />, http, "tok.mia");
    const panel = screen.getByRole("region", { name: "Passkeys" });
    expect(await within(panel).findByText("No passkeys yet.")).toBeTruthy();

    await user.click(within(panel).getByLabelText("Name for a new passkey (optional)"));
    await user.keyboard("Work laptop{Enter}");
    expect(await within(panel).findByText("Passkey added.")).toBeTruthy();
    expect(within(panel).getByRole("listitem").textContent).toContain("Work laptop");
    expect(within(panel).getByRole("listitem").textContent).toContain("Never");
    expect(browser.startRegistration).toHaveBeenCalledWith({
      optionsJSON: { challenge: "Y2hhbGxlbmdl" },
    });
    expect(requests).toContain("POST /api/auth/passkey-registration/verify Bearer tok.mia");

    await user.click(within(panel).getByRole("button", { name: "Remove passkey Work laptop" }));
    expect(await within(panel).findByText("No passkeys yet.")).toBeTruthy();
    expect(requests).toContain("DELETE /api/auth/passkeys/cred1 Bearer tok.mia");
    // The focused button went away with its passkey: focus stays on the panel.
    await waitFor(() => expect(document.activeElement).toBe(within(panel).getByRole("heading")));
  });

  it("says the prompt was closed when the user cancels, and adds nothing", async () => {
    const { http, requests } = fakeServer();
    browser.startRegistration.mockRejectedValue(
      Object.assign(new Error("The operation either timed out or was not allowed."), {
        name: "NotAllowedError",
      }),
    );
    const { user } = renderWith(<PasskeysPanel />, http, "tok.mia");
    await user.click(await screen.findByRole("button", { name: "Add a passkey" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "The passkey prompt was closed; nothing changed.",
    );
    expect(requests.some((r) => r.includes("registration/verify"))).toBe(false);
  });
});

describe("sign in with a passkey", () => {
  it("signs in as the passkey's account with the token the server gave", async () => {
    const { http, requests } = fakeServer();
    const { client, store, user } = renderWith(<SignInForm />, http);
    await user.click(screen.getByRole("button", { name: "Sign in with a passkey" }));
    await waitFor(() => expect(store.getState().session.name).toBe("mia"));
    expect(client.calls).toContain("use token tok.pk");
    expect(browser.startAuthentication).toHaveBeenCalledWith({
      optionsJSON: { challenge: "Y2hhbGxlbmdl" },
    });
    expect(requests.slice(0, 2)).toEqual([
      "POST /api/auth/passkey-login/options",
      "POST /api/auth/passkey-login/verify",
    ]);
  });

  it("tells an unknown passkey apart from a closed prompt, in 中文 too", async () => {
    const http: HttpCall = async (path) =>
      path.endsWith("/options")
        ? new Response(JSON.stringify({ options: { challenge: "Yw" } }), { status: 200 })
        : new Response(JSON.stringify({ error: "passkey not recognised" }), { status: 401 });
    await act(() => localeStore.getState().setLocale("zh-CN"));
    const { store, user } = renderWith(<SignInForm />, http);
    await user.click(screen.getByRole("button", { name: "使用通行密钥登录" }));
    expect((await screen.findByRole("alert")).textContent).toBe("此处无法识别该通行密钥。");
    expect(store.getState().session.name).toBeUndefined();
  });
});
