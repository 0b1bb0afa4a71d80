import { expect, type Page } from "@playwright/test";

/** The webServer's ADMIN_TOKEN (playwright.config.ts). */
export const ADMIN_TOKEN = "e2e-admin-token";

/** The header's bell, whatever its unread count. */
export function bell(page: Page) {
  return page.getByRole("button", { name: /^Notifications/ });
}

/** A toast in the polite notifications region. */
export function toast(page: Page, title: string | RegExp) {
  return page
    .getByRole("status", { name: "New notifications" })
    .getByRole("article", { name: title });
}

/** Pushes a notification as another backend would: `POST /api/notifications` with the admin token. */
export async function pushNotification(
  baseURL: string,
  body: {
    to: "all" | { user: string } | { room: string };
    title: string;
    body?: string;
    level?: string;
  },
): Promise<{ id: string; recipients: number }> {
  const response = await fetch(`${baseURL}/api/notifications`, {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(202);
  return (await response.json()) as { id: string; recipients: number };
}
