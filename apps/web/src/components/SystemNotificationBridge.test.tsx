import { act } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { notification, push } from "../test/notificationFixtures.js";
import { renderSignedIn } from "../test/renderWithStore.js";
import type { SystemNotifications } from "../store/systemNotifications.js";
import { SystemNotificationBridge } from "./SystemNotificationBridge.js";

function fakeSystem(hidden: () => boolean) {
  const shown: string[] = [];
  const system: SystemNotifications = {
    permission: () => "granted",
    requestPermission: () => Promise.resolve("granted"),
    isHidden: hidden,
    show: ({ title }) => shown.push(title),
  };
  return { system, shown };
}

describe("system notifications", () => {
  it("shows new notifications only while the tab is hidden and the user opted in", () => {
    let hidden = true;
    const { system, shown } = fakeSystem(() => hidden);
    const rendered = renderSignedIn(<SystemNotificationBridge system={system} />);

    act(() => push(rendered.client, notification({ title: "Not opted in" })));
    act(() => rendered.store.getState().actions.setSystemNotifications(true));
    act(() => push(rendered.client, notification({ title: "Hidden tab" })));
    hidden = false;
    act(() => push(rendered.client, notification({ title: "Visible tab" })));

    expect(shown).toEqual(["Hidden tab"]);
  });
});
