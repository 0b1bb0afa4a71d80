import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { AUTH_PATHS, ROOM_PATHS, type User } from "@duplex/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { localeStore } from "../i18n/localeStore.js";
import { joinedMessage } from "../test/chatEvents.js";
import { ALICE, BOB, ScriptedClient } from "../test/scriptedClient.js";
import { MemberList } from "./MemberList.js";
import { renderWithStore } from "../test/renderWithStore.js";

const CAROL: User = { id: "u_carol000000", name: "Carol" };

afterEach(async () => {
  await act(() => localeStore.getState().setLocale("en"));
});

async function setup(role: "owner" | "member", roomOwner: string) {
  const bodies: { path: string; body: unknown }[] = [];
  const answers: Record<string, { status: number; body?: unknown }> = {
    [AUTH_PATHS.me]: { status: 200, body: { user: ALICE, role, guest: false } },
    [ROOM_PATHS.members]: {
      status: 200,
      body: { room: "team", owner: roomOwner, members: [ALICE, BOB] },
    },
    [ROOM_PATHS.invite]: { status: 204 },
  };
  const http = (path: string, init: RequestInit): Promise<Response> => {
    if (typeof init.body === "string") bodies.push({ path, body: JSON.parse(init.body) });
    const answer = answers[path.split("?")[0] ?? path] ?? { status: 404, body: { error: "no" } };
    const body = answer.body === undefined ? null : JSON.stringify(answer.body);
    return Promise.resolve(new Response(body, { status: answer.status }));
  };
  const client = new ScriptedClient();
  client.token = "tok-alice";
  const { store } = renderWithStore(<MemberList room="team" />, client, { http });
  await act(async () => {
    store.getState().actions.signIn(ALICE.name);
    client.welcome(ALICE);
    // Carol is someone we see in #general, not yet in the private room.
    client.emit("message", joinedMessage("general", [ALICE, BOB, CAROL]));
    client.emit("message", joinedMessage("team", [ALICE, BOB]));
  });
  return { bodies };
}

describe("InviteMember", () => {
  it("lets the room's owner invite someone from their other rooms by name, after confirming", async () => {
    const ui = userEvent.setup();
    const { bodies } = await setup("member", ALICE.id);
    const form = await screen.findByRole("form", { name: "Invite to this room" });
    // Suggestions: people from our other rooms who are not here yet.
    expect([...form.querySelectorAll("option")].map((o) => o.value)).toEqual(["Carol"]);

    await ui.type(within(form).getByLabelText("Name"), "carol{Enter}");
    const confirm = within(form).getByRole("group", { name: "Invite to this room" });
    expect(confirm.textContent).toContain("Invite Carol to this room?");
    expect(document.activeElement).toBe(within(confirm).getByRole("button", { name: "Invite" }));
    await ui.keyboard("{Enter}");
    expect((await within(form).findByRole("status")).textContent).toBe("Carol was invited.");
    expect(bodies).toEqual([{ path: ROOM_PATHS.invite, body: { room: "team", user: CAROL.id } }]);
  });

  it("explains, without calling the server, a name nobody in our rooms has, or one already here — in Chinese too", async () => {
    const ui = userEvent.setup();
    const { bodies } = await setup("member", ALICE.id);
    const form = await screen.findByRole("form", { name: "Invite to this room" });
    await ui.type(within(form).getByLabelText("Name"), "Mallory{Enter}");
    expect(within(form).getByRole("alert").textContent).toBe(
      "No one called Mallory is in your rooms. They must be in a room you are in.",
    );
    await act(() => localeStore.getState().setLocale("zh-CN"));
    const zhForm = screen.getByRole("form", { name: "邀请加入此房间" });
    await ui.clear(within(zhForm).getByLabelText("名字"));
    await ui.type(within(zhForm).getByLabelText("名字"), "Bob{Enter}");
    expect(within(zhForm).getByRole("alert").textContent).toBe("Bob 已在此房间中。");
    expect(bodies).toEqual([]);
  });

  it("is not offered to a member who does not manage the room", async () => {
    await setup("member", BOB.id);
    await screen.findAllByRole("listitem");
    await act(async () => {});
    expect(screen.queryByRole("form", { name: "Invite to this room" })).toBeNull();
  });
});
