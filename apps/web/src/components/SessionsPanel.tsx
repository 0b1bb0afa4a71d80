import type { SessionInfo } from "@duplex/protocol";
import { useEffect, useRef, useState } from "react";
import { UseTimes } from "./UseTimes.js";
import { useT } from "../i18n/useT.js";
import { useActions } from "../store/storeContext.js";
import { useLoadedList } from "./useLoadedList.js";

/** The devices the account is signed in on, each revocable, plus "sign out everywhere else". */
export function SessionsPanel() {
  const t = useT();
  const { listSessions, revokeSession, revokeOtherSessions } = useActions();
  const { load, change } = useLoadedList<SessionInfo>(listSessions);
  const [problem, setProblem] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const acted = useRef(false);
  useEffect(() => {
    if (!acted.current) return;
    acted.current = false;
    // The focused button went with its device: keep keyboard users on this panel, not on <body>.
    if (!heading.current?.closest("section")?.contains(document.activeElement)) {
      heading.current?.focus();
    }
  }, [load]);

  async function run(action: () => Promise<boolean>) {
    await change(async () => {
      setProblem(!(await action()));
      acted.current = true;
    });
  }

  return (
    <section className="sessions-panel" aria-labelledby="sessions-title">
      <h2 id="sessions-title" ref={heading} tabIndex={-1}>
        {t("sessions.title")}
      </h2>
      {load.state === "loading" && <p role="status">{t("sessions.loading")}</p>}
      {load.state === "failed" && <p role="alert">{t("sessions.failed")}</p>}
      {problem && <p role="alert">{t("sessions.revokeFailed")}</p>}
      {load.state === "ready" && (
        <>
          <ul className="sessions-list">
            {load.list.map((s) => (
              <li key={s.id} className="session-item" aria-current={s.current || undefined}>
                <span className="session-device">
                  {s.device}
                  {s.current && (
                    <strong className="session-current"> ({t("sessions.current")})</strong>
                  )}
                </span>
                <UseTimes
                  labels={{ created: t("sessions.created"), lastUsed: t("sessions.lastUsed") }}
                  createdAt={s.createdAt}
                  lastUsedAt={s.lastSeenAt}
                />
                {!s.current && (
                  <button
                    type="button"
                    aria-label={t("sessions.revokeLabel", { device: s.device })}
                    onClick={() => void run(() => revokeSession(s.id))}
                  >
                    {t("sessions.revoke")}
                  </button>
                )}
              </li>
            ))}
          </ul>
          {load.list.some((s) => !s.current) && (
            <button type="button" onClick={() => void run(revokeOtherSessions)}>
              {t("sessions.revokeOthers")}
            </button>
          )}
        </>
      )}
    </section>
  );
}
