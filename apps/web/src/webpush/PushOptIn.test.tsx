import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { localeStore } from "../i18n/localeStore.js";
import type {
  DevicePushManager,
  DeviceSubscription,
  Permission,
  PushEnvironment,
} from "./deviceSubscription.js";
import { PushEnvironmentProvider } from "./pushEnvironmentContext.js";
import { PushOptIn } from "./PushOptIn.js";

// A P-256 point's worth of bytes, base64url: what GET /api/push/vapid answers.
const PUBLIC_KEY = "BA" + "A".repeat(85);

interface Call {
  path: string;
  method: string;
  body?: unknown;
  authorization?: string;
}

/** The browser's Notification permission and PushManager, and the server, as one fake device. */
function fakeDevice(
  options: {
    permission?: Permission;
    answer?: Permission;
    subscribe?: "ok" | DOMException;
    register?: number;
    supported?: boolean;
  } = {},
) {
  let permission = options.permission ?? "default";
  let subscription: (DeviceSubscription & { active: boolean }) | null = null;
  const calls: Call[] = [];
  const prompts: number[] = [];
  const manager: DevicePushManager = {
    getSubscription: () => Promise.resolve(subscription?.active ? subscription : null),
    subscribe({ userVisibleOnly, applicationServerKey }) {
      expect(userVisibleOnly).toBe(true);
      expect(applicationServerKey).toHaveLength(65);
      if (typeof options.subscribe === "object") return Promise.reject(options.subscribe);
      const created = {
        active: true,
        endpoint: "https://push.example/abc",
        toJSON: () => ({ endpoint: "https://push.example/abc", keys: { p256dh: "k", auth: "a" } }),
        unsubscribe: () => {
          created.active = false;
          return Promise.resolve(true);
        },
      };
      subscription = created;
      return Promise.resolve(created);
    },
  };
  const environment: PushEnvironment = {
    pushManager: () => Promise.resolve(options.supported === false ? undefined : manager),
    permission: () => permission,
    requestPermission() {
      prompts.push(Date.now());
      permission = options.answer ?? "granted";
      return Promise.resolve(permission);
    },
    http(path, init) {
      const headers = (init?.headers ?? {}) as Record<string, string>;
      calls.push({
        path,
        method: init?.method ?? "GET",
        ...(typeof init?.body === "string" && { body: JSON.parse(init.body) as unknown }),
        ...(headers.authorization && { authorization: headers.authorization }),
      });
      if (path === "/api/push/vapid")
        return Promise.resolve(Response.json({ publicKey: PUBLIC_KEY }));
      const status = init?.method === "POST" ? (options.register ?? 201) : 204;
      return Promise.resolve(new Response(null, { status }));
    },
    token: () => "session-token",
  };
  return { environment, calls, prompts, subscription: () => subscription };
}

function show(environment: PushEnvironment) {
  return render(
    <PushEnvironmentProvider environment={environment}>
      <PushOptIn />
    </PushEnvironmentProvider>,
  );
}

const state = () => screen.findByRole("status");

afterEach(async () => {
  await act(() => localeStore.getState().setLocale("en"));
});

describe("Web Push opt-in", () => {
  it("asks nothing on render; a click asks, subscribes with the VAPID key and registers the device", async () => {
    const device = fakeDevice();
    show(device.environment);
    expect((await state()).textContent).toMatch(/Off on this device/);
    expect(device.prompts).toHaveLength(0);

    await userEvent.click(screen.getByRole("button", { name: "Notify me on this device" }));

    await waitFor(() => expect(screen.getByRole("status").textContent).toMatch(/^On: this device/));
    expect(device.prompts).toHaveLength(1);
    expect(device.calls).toEqual([
      { path: "/api/push/vapid", method: "GET" },
      {
        path: "/api/push/subscriptions",
        method: "POST",
        body: { endpoint: "https://push.example/abc", keys: { p256dh: "k", auth: "a" } },
        authorization: "Bearer session-token",
      },
    ]);
    expect(
      screen.getByRole("button", { name: "Stop notifying this device" }).hasAttribute("disabled"),
    ).toBe(false);
  });

  it("opts this device out: the server forgets the endpoint and the browser drops it", async () => {
    const device = fakeDevice({ permission: "granted" });
    show(device.environment);
    await userEvent.click(await screen.findByRole("button", { name: "Notify me on this device" }));
    const stop = await screen.findByRole("button", { name: "Stop notifying this device" });
    stop.focus();
    await userEvent.keyboard("{Enter}");

    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toMatch(/Off on this device/),
    );
    expect(device.calls.at(-1)).toEqual({
      path: "/api/push/subscriptions",
      method: "DELETE",
      body: { endpoint: "https://push.example/abc" },
      authorization: "Bearer session-token",
    });
    expect(device.subscription()?.active).toBe(false);
  });

  it("says plainly when the browser's push service refuses, and lets the user try again", async () => {
    const refused = new DOMException("Registration failed - push service error", "AbortError");
    const device = fakeDevice({ subscribe: refused });
    show(device.environment);
    await userEvent.click(await screen.findByRole("button", { name: "Notify me on this device" }));

    const said = await screen.findByText(/push service refused the subscription/);
    expect(said.textContent).toContain("(Registration failed - push service error)");
    // Nothing was registered with the server for a subscription that does not exist.
    expect(device.calls.map((c) => c.method)).toEqual(["GET"]);
    expect(
      screen.getByRole("button", { name: "Notify me on this device" }).hasAttribute("disabled"),
    ).toBe(false);
  });

  it("shows the blocked state, with no button, when notifications are denied", async () => {
    show(fakeDevice({ permission: "denied" }).environment);
    expect((await state()).textContent).toMatch(/blocked for this site/);
    expect(screen.queryByRole("button")).toBeNull();
  });

  it("turns to the blocked state when the user denies the prompt", async () => {
    show(fakeDevice({ answer: "denied" }).environment);
    await userEvent.click(await screen.findByRole("button", { name: "Notify me on this device" }));
    expect(await screen.findByText(/blocked for this site/)).toBeTruthy();
  });

  it("drops the browser's subscription when the server does not register it", async () => {
    const device = fakeDevice({ register: 500 });
    show(device.environment);
    await userEvent.click(await screen.findByRole("button", { name: "Notify me on this device" }));
    expect(await screen.findByText(/server could not register this device/)).toBeTruthy();
    expect(device.subscription()?.active).toBe(false);
  });

  it("says when the browser cannot receive pushes at all", async () => {
    show(fakeDevice({ supported: false }).environment);
    expect((await state()).textContent).toMatch(/cannot receive push notifications/);
    expect(screen.queryByRole("button")).toBeNull();
  });

  it("speaks Chinese", async () => {
    await act(() => localeStore.getState().setLocale("zh-CN"));
    show(fakeDevice().environment);
    expect(await screen.findByRole("button", { name: "在此设备上通知我" })).toBeTruthy();
  });
});
