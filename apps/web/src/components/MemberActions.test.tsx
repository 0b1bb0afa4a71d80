import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ADMIN_PATHS, AUTH_PATHS, ROOM_PATHS, WEB_PUSH_PATHS } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { joinedMessage } from "../test/chatEvents.js";
import { ALICE, BOB, ScriptedClient } from "../test/scriptedClient.js";
import { MemberList } from "./MemberList.js";
import { renderWithStore } from "../test/renderWithStore.js";

interface Call {
  path: string;
  method: string;
  auth: string | null;
  body?: unknown;
}

/** The account API as the server answers it, by path; every call is recorded. */
function fakeApi(answers: Record<string, { status: number; body?: unknown }>) {
  const calls: Call[] = [];
  const http = (path: string, init: RequestInit): Promise<Response> => {
    const headers = new Headers(init.headers);
    calls.push({
      path,
      method: init.method ?? "GET",
      auth: headers.get("authorization"),
      ...(typeof init.body === "string" && { body: JSON.parse(init.body) as unknown }),
    });
    const answer = answers[path.split("?")[0] ?? path] ?? { status: 404, body: { error: "no" } };
    const body = answer.body === undefined ? null : JSON.stringify(answer.body);
    return Promise.resolve(new Response(body, { status: answer.status }));
  };
  return { calls, http };
}

async function setup(answers: Record<string, { status: number; body?: unknown }>, room = "team") {
  const api = fakeApi(answers);
  const client = new ScriptedClient();
  client.token = "tok-alice";
  const { store } = renderWithStore(<MemberList room={room} />, client, { http: api.http });
  await act(async () => {
    store.getState().actions.signIn(ALICE.name);
    client.welcome(ALICE);
    client.emit("message", joinedMessage(room, [ALICE, BOB]));
  });
  return { api, client, store };
}

const bobRow = () =>
  screen.getAllByRole("listitem").find((li) => li.textContent?.includes("Bob")) ?? document.body;

const meAs = (role: "admin" | "member") => ({
  [AUTH_PATHS.me]: { status: 200, body: { user: ALICE, role, guest: false } },
});
const MODERATOR = meAs("admin");
const PRIVATE_OWNED = {
  [ROOM_PATHS.members]: {
    status: 200,
    body: { room: "team", owner: ALICE.id, members: [ALICE, BOB] },
  },
};

describe("MemberActions", () => {
  it("lets a moderator mute another member for a chosen time, after confirming", async () => {
    const ui = userEvent.setup();
    const { api } = await setup({
      ...MODERATOR,
      [ADMIN_PATHS.mute]: { status: 200, body: { until: 1 } },
    });
    expect(screen.queryByRole("button", { name: "Mute Alice" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Remove Bob from this room" })).toBeNull();

    await ui.click(await screen.findByRole("button", { name: "Mute Bob" }));
    const confirm = screen.getByRole("group", { name: "Mute Bob" });
    expect(within(confirm).getByText("Mute Bob in this room?")).toBeTruthy();
    // The confirmation has the focus: the keyboard picks the time and confirms.
    expect(document.activeElement).toBe(within(confirm).getByLabelText("Mute for"));
    await ui.selectOptions(within(confirm).getByLabelText("Mute for"), "1 day");
    await ui.click(within(confirm).getByRole("button", { name: "Mute" }));

    expect(await within(bobRow()).findByRole("status")).toHaveProperty(
      "textContent",
      "Bob is muted in this room.",
    );
    expect(api.calls.find((c) => c.path === ADMIN_PATHS.mute)).toEqual({
      path: ADMIN_PATHS.mute,
      method: "POST",
      auth: "Bearer tok-alice",
      body: { user: BOB.id, room: "team", durationMs: 24 * 60 * 60 * 1000 },
    });
  });

  it("shows a moderator the devices a member registered for push, and only on request", async () => {
    const ui = userEvent.setup();
    const bobDevices = WEB_PUSH_PATHS.adminDevices.replace("*", BOB.id);
    const added = Date.UTC(2026, 10, 30, 9, 0);
    const { api } = await setup({
      ...MODERATOR,
      [bobDevices]: {
        status: 200,
        body: {
          devices: [
            {
              id: "d1",
              origin: "https://fcm.googleapis.com",
              createdAt: added,
              lastSuccessAt: added,
            },
            { id: "d2", origin: "https://updates.push.services.mozilla.com", createdAt: added },
          ],
        },
      },
    });
    const show = await screen.findByRole("button", { name: "Push devices of Bob" });
    expect(api.calls.some((c) => c.path === bobDevices)).toBe(false);
    await ui.click(show);

    const list = await screen.findByRole("list", { name: "Push devices of Bob" });
    const devices = within(list).getAllByRole("listitem");
    expect(devices.map((d) => d.textContent)).toEqual([
      expect.stringMatching(/^https:\/\/fcm\.googleapis\.com, added .+ · last push delivered /),
      expect.stringMatching(
        /^https:\/\/updates\.push\.services\.mozilla\.com, .+ · no push delivered yet$/,
      ),
    ]);
    expect(show.getAttribute("aria-expanded")).toBe("true");
    expect(api.calls.find((c) => c.path === bobDevices)?.auth).toBe("Bearer tok-alice");
  });

  it("says so when the server refuses the device list, rather than showing none", async () => {
    const ui = userEvent.setup();
    const bobDevices = WEB_PUSH_PATHS.adminDevices.replace("*", BOB.id);
    await setup({ ...MODERATOR, [bobDevices]: { status: 403, body: { error: "no" } } });
    await ui.click(await screen.findByRole("button", { name: "Push devices of Bob" }));
    expect(await within(bobRow()).findByRole("alert")).toHaveProperty(
      "textContent",
      "The devices could not be loaded.",
    );
    expect(screen.queryByRole("list", { name: "Push devices of Bob" })).toBeNull();
  });

  it("sends nothing when the confirmation is cancelled", async () => {
    const ui = userEvent.setup();
    const { api } = await setup(MODERATOR);
    await ui.click(await screen.findByRole("button", { name: "Mute Bob" }));
    await ui.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.getByRole("button", { name: "Mute Bob" })).toBeTruthy();
    expect(api.calls.some((c) => c.path === ADMIN_PATHS.mute)).toBe(false);
  });

  it("lets a private room's owner remove a member, and shows the server's refusal", async () => {
    const ui = userEvent.setup();
    const { api } = await setup({
      ...meAs("member"),
      ...PRIVATE_OWNED,
      [ROOM_PATHS.remove]: { status: 404, body: { error: "not a member" } },
    });
    await ui.click(await screen.findByRole("button", { name: "Remove Bob from this room" }));
    expect(screen.queryByRole("button", { name: "Mute Bob" })).toBeNull();
    await ui.click(screen.getByRole("button", { name: "Remove" }));

    expect((await screen.findByRole("alert")).textContent).toBe("That did not work: not a member");
    expect(api.calls.find((c) => c.path === ROOM_PATHS.remove)?.body).toEqual({
      room: "team",
      user: BOB.id,
    });
  });

  it("offers nothing to a plain member, and asks the API only once per room", async () => {
    const { api, client } = await setup({
      ...meAs("member"),
      [ROOM_PATHS.members]: { status: 200, body: { room: "team", owner: BOB.id, members: [] } },
    });
    await act(async () => client.emit("message", joinedMessage("team", [ALICE, BOB])));
    expect(screen.queryByRole("button", { name: /Mute|Remove/ })).toBeNull();
    expect(api.calls.map((c) => c.path.split("?")[0])).toEqual([AUTH_PATHS.me, ROOM_PATHS.members]);
  });

  it("lets a moderator unmute and ban, each after confirming, and says what happened", async () => {
    const ui = userEvent.setup();
    const { api } = await setup({
      ...MODERATOR,
      [ADMIN_PATHS.unmute]: { status: 204 },
      [ADMIN_PATHS.ban]: { status: 204 },
    });
    await ui.click(await screen.findByRole("button", { name: "Unmute Bob" }));
    const unmute = screen.getByRole("group", { name: "Unmute Bob" });
    expect(unmute.textContent).toContain("Let Bob send in this room again?");
    // Focus is on the confirming button: Enter does it.
    expect(document.activeElement).toBe(within(unmute).getByRole("button", { name: "Unmute" }));
    await ui.keyboard("{Enter}");
    expect((await within(bobRow()).findByRole("status")).textContent).toBe(
      "Bob can send in this room again.",
    );
    expect(api.calls.find((c) => c.path === ADMIN_PATHS.unmute)?.body).toEqual({
      user: BOB.id,
      room: "team",
    });

    await ui.click(screen.getByRole("button", { name: "Ban Bob" }));
    const ban = screen.getByRole("group", { name: "Ban Bob" });
    expect(ban.textContent).toContain("Ban Bob from this server?");
    await ui.click(within(ban).getByRole("button", { name: "Ban" }));
    expect((await within(bobRow()).findByRole("status")).textContent).toBe("Bob is banned.");
    expect(api.calls.find((c) => c.path === ADMIN_PATHS.ban)?.body).toEqual({ user: BOB.id });
  });

  it("shows the server's refusal of an unmute (not muted) and bans nothing when cancelled", async () => {
    const ui = userEvent.setup();
    const { api } = await setup({
      ...MODERATOR,
      [ADMIN_PATHS.unmute]: { status: 404, body: { error: "not muted" } },
    });
    await ui.click(await screen.findByRole("button", { name: "Unmute Bob" }));
    await ui.click(screen.getByRole("button", { name: "Unmute" }));
    expect((await screen.findByRole("alert")).textContent).toBe("That did not work: not muted");
    await ui.click(screen.getByRole("button", { name: "Ban Bob" }));
    await ui.keyboard("{Escape}");
    await ui.click(screen.getByRole("button", { name: "Cancel" }));
    expect(api.calls.some((c) => c.path === ADMIN_PATHS.ban)).toBe(false);
  });

  it("offers a private room's owner no ban or unmute (they are not moderators)", async () => {
    await setup({ ...meAs("member"), ...PRIVATE_OWNED });
    expect(await screen.findByRole("button", { name: "Remove Bob from this room" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Ban Bob" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Unmute Bob" })).toBeNull();
  });
});
