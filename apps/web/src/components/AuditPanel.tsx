import { useEffect, useState } from "react";
import { DateTime } from "../i18n/DateTime.js";
import { useT } from "../i18n/useT.js";
import type { AuditEntry } from "../store/accountApi.js";
import { useActions } from "../store/storeContext.js";
import { UnbanButton } from "./UnbanButton.js";
import { ColumnHeads } from "./ColumnHeads.js";

type Load =
  | { state: "loading" }
  | { state: "hidden" }
  | { state: "failed" }
  | { state: "ready"; entries: AuditEntry[] };

/**
 * The moderation log, newest first, for owners and admins (the role from `GET /api/auth/me`); anyone
 * else sees nothing of this panel, and the server refuses them the log all the same.
 */
export function AuditPanel() {
  const t = useT();
  const { auditLog, loadRole } = useActions();
  const [load, setLoad] = useState<Load>({ state: "loading" });

  useEffect(() => {
    let live = true;
    void (async () => {
      const role = await loadRole();
      if (!live) return;
      if (role !== "owner" && role !== "admin") {
        setLoad({ state: "hidden" });
        return;
      }
      const answer = await auditLog();
      if (!live) return;
      if (answer.ok) setLoad({ state: "ready", entries: answer.value });
      else setLoad({ state: answer.problem === "forbidden" ? "hidden" : "failed" });
    })();
    return () => {
      live = false;
    };
  }, [auditLog, loadRole]);

  if (load.state === "hidden" || load.state === "loading") return null;
  // A ban not yet undone by a later (listed earlier: newest first) unban of the same user.
  const standingBan = (i: number) => {
    const e = load.state === "ready" ? load.entries[i] : undefined;
    if (e?.action !== "ban" || load.state !== "ready") return false;
    return !load.entries
      .slice(0, i)
      .some(
        (later) =>
          later.target === e.target && (later.action === "unban" || later.action === "ban"),
      );
  };
  return (
    <section className="audit-panel" aria-labelledby="audit-title">
      <h2 id="audit-title">{t("audit.title")}</h2>
      {load.state === "failed" && <p role="alert">{t("audit.failed")}</p>}
      {load.state === "ready" && load.entries.length === 0 && <p>{t("audit.empty")}</p>}
      {load.state === "ready" && load.entries.length > 0 && (
        <div className="audit-scroll">
          <table className="audit-table">
            <ColumnHeads
              keys={["audit.when", "audit.actor", "audit.action", "audit.target", "audit.detail"]}
            />
            <tbody>
              {load.entries.map((e, i) => (
                <tr key={`${e.ts}-${i}`}>
                  <td>
                    <DateTime ts={e.ts} />
                  </td>
                  <td>{e.actor}</td>
                  <td>{t(`audit.action.${e.action}`)}</td>
                  <td>{e.target}</td>
                  <td>
                    {e.detail}
                    {standingBan(i) && <UnbanButton user={e.target} name={e.detail} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
