import { act, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { localeStore } from "../i18n/localeStore.js";
import { joinedMessage } from "../test/chatEvents.js";
import { renderSignedIn } from "../test/renderWithStore.js";
import { ALICE, BOB, chatMessage } from "../test/scriptedClient.js";
import { MemberList } from "./MemberList.js";
import { MessageList } from "./MessageList.js";

const GUS = { id: "u_gus000000000", name: "Gus", guest: true };

afterEach(async () => {
  await act(() => localeStore.getState().setLocale("en"));
});

function memberRow(name: string): HTMLElement {
  const row = within(screen.getByRole("list", { name: "Members" }))
    .getAllByRole("listitem")
    .find((li) => li.querySelector(".member-name")?.textContent?.startsWith(name));
  if (!row) throw new Error(`no member ${name}`);
  return row;
}

describe("guest badge", () => {
  it("marks a guest in the member list, and nobody else", () => {
    const rendered = renderSignedIn(<MemberList room="general" />);
    act(() => rendered.client.emit("message", joinedMessage("general", [ALICE, BOB, GUS])));
    expect(memberRow("Gus").textContent).toContain("guest");
    expect(memberRow("Bob").textContent).not.toContain("guest");
  });

  it("marks a guest author's messages, in English and in 简体中文", async () => {
    const rendered = renderSignedIn(<MessageList room="general" />);
    act(() =>
      rendered.client.deliver("general", [
        chatMessage(BOB, "from a member", { seq: 1 }),
        chatMessage(GUS, "from a guest", { seq: 2, ts: Date.now() + 120_000 }),
      ]),
    );
    const log = screen.getByRole("log");
    const senders = () =>
      [...log.querySelectorAll(".message-sender")].map((el) => el.textContent ?? "");
    expect(senders()).toEqual(["Bob", "Gusguest"]);
    await act(() => localeStore.getState().setLocale("zh-CN"));
    expect(senders()).toEqual(["Bob", "Gus访客"]);
  });
});
