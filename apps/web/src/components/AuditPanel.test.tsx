import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ADMIN_PATHS, AUTH_PATHS } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { createDuplexStore } from "../store/createDuplexStore.js";
import { StoreProvider } from "../store/storeContext.js";
import { ALICE, ScriptedClient } from "../test/scriptedClient.js";
import { AuditPanel } from "./AuditPanel.js";

const entry = (action: string, target: string, detail: string, ts: number) => ({
  ts,
  actor: ALICE.id,
  action,
  target,
  detail,
});

async function setup(role: "admin" | "member") {
  const calls: { path: string; body?: unknown }[] = [];
  const answers: Record<string, { status: number; body?: unknown }> = {
    [AUTH_PATHS.me]: { status: 200, body: { user: ALICE, role, guest: false } },
    [ADMIN_PATHS.audit]: {
      status: 200,
      body: {
        entries: [
          entry("unban", "u_dave00000000", "dave", 4),
          entry("ban", "u_carol000000", "carol", 3),
          entry("ban", "u_dave00000000", "dave", 2),
        ],
      },
    },
    [ADMIN_PATHS.unban]: { status: 204 },
  };
  const http = (path: string, init: RequestInit): Promise<Response> => {
    calls.push({
      path,
      ...(typeof init.body === "string" && { body: JSON.parse(init.body) as unknown }),
    });
    const answer = answers[path] ?? { status: 404, body: { error: "no" } };
    const body = answer.body === undefined ? null : JSON.stringify(answer.body);
    return Promise.resolve(new Response(body, { status: answer.status }));
  };
  const client = new ScriptedClient();
  client.token = "tok-alice";
  const store = createDuplexStore(client, { http });
  await act(async () => {
    store.getState().actions.signIn(ALICE.name);
    client.welcome(ALICE);
  });
  render(
    <StoreProvider store={store}>
      <AuditPanel />
    </StoreProvider>,
  );
  return { calls };
}

describe("AuditPanel", () => {
  it("offers Unban on a ban still standing, confirmed first", async () => {
    const ui = userEvent.setup();
    const { calls } = await setup("admin");
    const log = await screen.findByRole("region", { name: "Moderation log" });
    // dave was unbanned later: only carol's ban can be undone.
    expect(
      within(log)
        .getAllByRole("button")
        .map((b) => b.getAttribute("aria-label")),
    ).toEqual(["Unban carol"]);
    await ui.click(within(log).getByRole("button", { name: "Unban carol" }));
    const confirm = within(log).getByRole("group", { name: "Unban carol" });
    expect(confirm.textContent).toContain("Let carol sign in again?");
    await ui.keyboard("{Enter}");
    expect((await within(log).findByRole("status")).textContent).toBe("carol can sign in again.");
    expect(calls.find((c) => c.path === ADMIN_PATHS.unban)?.body).toEqual({
      user: "u_carol000000",
    });
  });

  it("shows nothing to a member and never asks for the log", async () => {
    const { calls } = await setup("member");
    await act(async () => {});
    expect(screen.queryByRole("region", { name: "Moderation log" })).toBeNull();
    expect(calls.map((c) => c.path)).toEqual([AUTH_PATHS.me]);
  });
});
