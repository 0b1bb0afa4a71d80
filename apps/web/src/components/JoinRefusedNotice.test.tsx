import { act, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { localeStore } from "../i18n/localeStore.js";
import { joinedMessage } from "../test/chatEvents.js";
import { renderWithStore, signedIn } from "../test/renderWithStore.js";
import { ALICE } from "../test/scriptedClient.js";
import { JoinRoomForm } from "./JoinRoomForm.js";

afterEach(async () => {
  await act(() => localeStore.getState().setLocale("en"));
});

const refusal = {
  type: "error" as const,
  ref: "r1",
  code: "unauthorized" as const,
  message: "secret is a private room: members only",
};

describe("JoinRefusedNotice", () => {
  it("says a private room refused us, leaves its empty view, and clears on the next join", async () => {
    const rendered = renderWithStore(<JoinRoomForm />);
    const { client, store } = rendered;
    act(() => {
      signedIn(rendered);
      client.emit("message", joinedMessage("general", [ALICE]));
      store.getState().actions.joinRoom("secret");
    });
    expect(store.getState().rooms.current).toBe("secret");
    act(() => client.emit("joinRefused", "secret", refusal));
    expect(screen.getByRole("alert").textContent).toBe(
      "You cannot join #secret: it is a private room. Ask its owner to invite you.",
    );
    expect(store.getState().rooms.current).toBe("general");
    await act(() => localeStore.getState().setLocale("zh-CN"));
    expect(screen.getByRole("alert").textContent).toBe(
      "无法加入 #secret：这是私密房间。请房间所有者邀请你。",
    );
    act(() => client.emit("message", joinedMessage("secret", [ALICE])));
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
