import type { KeyValueStorage } from "@duplex/client";

/** Where the user's opt-in to system notifications is remembered. */
export const SYSTEM_NOTIFICATIONS_KEY = "duplex.systemNotifications";

export type SystemPermission = "default" | "granted" | "denied" | "unsupported";

/** The browser's Notification API and page visibility, behind a seam so tests can stand in. */
export interface SystemNotifications {
  permission(): SystemPermission;
  /** Asks the user; call only from a click (browsers ignore or block unprompted requests). */
  requestPermission(): Promise<SystemPermission>;
  /** Whether the page is out of sight: only then is a system notification worth showing. */
  isHidden(): boolean;
  show(options: { title: string; body: string; tag: string; onClick(): void }): void;
}

/** The real browser. Without the Notification API (or outside a secure context) it is "unsupported". */
export function browserSystemNotifications(win: Window = window): SystemNotifications {
  // Absent in some browsers and in insecure contexts, whatever the DOM typings say.
  const Api: typeof Notification | undefined = (win as { Notification?: typeof Notification })
    .Notification;
  return {
    permission: () => Api?.permission ?? "unsupported",
    async requestPermission() {
      if (!Api) return "unsupported";
      return Api.requestPermission();
    },
    isHidden: () => win.document.visibilityState === "hidden",
    show({ title, body, tag, onClick }) {
      if (Api?.permission !== "granted") return;
      const shown = new Api(title, { body, tag });
      shown.onclick = () => {
        win.focus();
        onClick();
        shown.close();
      };
    },
  };
}

export function readSystemOptIn(storage: KeyValueStorage | undefined): boolean {
  return storage?.getItem(SYSTEM_NOTIFICATIONS_KEY) === "on";
}

export function writeSystemOptIn(storage: KeyValueStorage | undefined, on: boolean): void {
  storage?.setItem(SYSTEM_NOTIFICATIONS_KEY, on ? "on" : "off");
}
