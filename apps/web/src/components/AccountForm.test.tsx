import { act, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { localeStore } from "../i18n/localeStore.js";
import type { HttpCall } from "../store/accountActions.js";
import { ScriptedClient } from "../test/scriptedClient.js";
import { App } from "./App.js";
import { renderWithStore } from "../test/renderWithStore.js";

afterEach(async () => {
  await act(() => localeStore.getState().setLocale("en"));
});

const MIA = { id: "u_mia000000000", name: "mia" };

/** The account API as a table of answers, recording each request (path, auth header, body). */
function accountApi(answers: Record<string, { status: number; body?: unknown }>) {
  const requests: { path: string; auth?: string; body?: unknown }[] = [];
  const http: HttpCall = async (path, init) => {
    const headers = new Headers(init.headers);
    requests.push({
      path,
      ...(headers.get("authorization") !== null && { auth: headers.get("authorization")! }),
      ...(typeof init.body === "string" && { body: JSON.parse(init.body) as unknown }),
    });
    const answer = answers[path] ?? { status: 404, body: { error: "not found" } };
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { "content-type": "application/json" },
    });
  };
  return { http, requests };
}

function renderApp(http: HttpCall) {
  const { client, store } = renderWithStore(<App />, new ScriptedClient(), { http });
  return { client, store, user: userEvent.setup() };
}

async function fill(user: ReturnType<typeof userEvent.setup>, name: string, password: string) {
  await user.type(screen.getByLabelText("Account name"), name);
  await user.type(screen.getByLabelText("Password"), password);
}

describe("sign in, sign up, sign out", () => {
  it("signs in with a password: the client presents the account's token and connects", async () => {
    const ok = { user: MIA, token: "tok.mia", tokenExpiresAt: 1 };
    const { http, requests } = accountApi({ "/api/auth/login": { status: 200, body: ok } });
    const { client, store, user } = renderApp(http);
    await fill(user, "mia", "violet-kettle-harbour-19");
    await user.keyboard("{Enter}");
    await waitFor(() => expect(store.getState().session.name).toBe("mia"));
    expect(requests).toEqual([
      { path: "/api/auth/login", body: { name: "mia", password: "violet-kettle-harbour-19" } },
    ]);
    expect(client.calls.slice(0, 3)).toEqual(["use token tok.mia", "setName mia", "connect"]);
  });

  it("says why an account was refused, in the user's language", async () => {
    const { http } = accountApi({
      "/api/auth/login": { status: 401, body: { error: "wrong name or password" } },
      "/api/auth/register": { status: 400, body: { error: "password: too common" } },
    });
    const { store, user } = renderApp(http);
    await fill(user, "mia", "password123");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Wrong name or password.");
    await user.click(screen.getByRole("button", { name: "Create account" }));
    await waitFor(() =>
      expect(screen.getByRole("alert").textContent).toBe("Not accepted: password: too common"),
    );
    await act(() => localeStore.getState().setLocale("zh-CN"));
    await user.click(screen.getByRole("button", { name: "登录" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toBe("名字或密码错误。"));
    expect(store.getState().session.name).toBeUndefined();
  });

  it("creates an account, then signs out: the session is revoked and the sign-in screen is back", async () => {
    const ok = { user: MIA, token: "tok.mia", tokenExpiresAt: 1 };
    const { http, requests } = accountApi({
      "/api/auth/register": { status: 201, body: ok },
      "/api/auth/logout": { status: 204 },
    });
    const { client, user } = renderApp(http);
    await fill(user, "mia", "violet-kettle-harbour-19");
    await user.click(screen.getByRole("button", { name: "Create account" }));
    act(() => client.welcome(MIA));
    await user.click(await screen.findByRole("button", { name: "Sign out" }));
    await screen.findByRole("heading", { name: "Have an account?" });
    expect(requests.at(-1)).toEqual({ path: "/api/auth/logout", auth: "Bearer tok.mia" });
    expect(client.calls.at(-1)).toBe("forget");
  });
});
