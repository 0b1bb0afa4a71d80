import type { PasskeyInfo } from "@duplex/protocol";
import { MAX_PASSKEY_LABEL } from "@duplex/protocol";
import { useId, useRef, useState, type FormEvent } from "react";
import "../styles/passkeys.css";
import { UseTimes } from "./UseTimes.js";
import { useT } from "../i18n/useT.js";
import type { PasskeyProblem } from "../store/passkeyActions.js";
import { useActions } from "../store/storeContext.js";
import { useLoadedList } from "./useLoadedList.js";

type NoteKey = PasskeyProblem | "passkeys.added" | "passkeys.removeFailed";

/** The account's passkeys: add one (the browser's own dialog), see when each was used, remove. */
export function PasskeysPanel() {
  const t = useT();
  const { listPasskeys, addPasskey, removePasskey } = useActions();
  const { load, busy, change } = useLoadedList<PasskeyInfo>(listPasskeys);
  const [label, setLabel] = useState("");
  const [note, setNote] = useState<{ key: NoteKey; alert: boolean } | undefined>();
  const heading = useRef<HTMLHeadingElement>(null);
  const labelId = useId();

  async function onAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    await change(async () => {
      const result = await addPasskey(label);
      setNote(
        result.ok ? { key: "passkeys.added", alert: false } : { key: result.problem, alert: true },
      );
      if (result.ok) setLabel("");
    });
  }

  async function onRemove(id: string) {
    const changed = await change(async () => {
      const ok = await removePasskey(id);
      setNote(ok ? undefined : { key: "passkeys.removeFailed", alert: true });
    });
    // The focused button went with its passkey: keep keyboard users on this panel.
    if (changed) heading.current?.focus();
  }

  return (
    <section className="sessions-panel passkeys-panel" aria-labelledby="passkeys-title">
      <h2 id="passkeys-title" ref={heading} tabIndex={-1}>
        {t("passkeys.title")}
      </h2>
      <p className="muted">{t("passkeys.intro")}</p>
      {load.state === "loading" && <p role="status">{t("passkeys.loading")}</p>}
      {load.state === "failed" && <p role="alert">{t("passkeys.failed")}</p>}
      {load.state === "ready" && load.list.length === 0 && <p>{t("passkeys.none")}</p>}
      {load.state === "ready" && load.list.length > 0 && (
        <ul className="sessions-list">
          {load.list.map((p) => (
            <li key={p.id} className="session-item">
              <span className="session-device">{p.label}</span>
              <UseTimes
                labels={{
                  created: t("passkeys.created"),
                  lastUsed: t("passkeys.lastUsed"),
                  never: t("passkeys.neverUsed"),
                }}
                createdAt={p.createdAt}
                lastUsedAt={p.lastUsedAt}
              />
              <button
                type="button"
                aria-label={t("passkeys.removeLabel", { label: p.label })}
                onClick={() => void onRemove(p.id)}
              >
                {t("passkeys.remove")}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="passkey-add" onSubmit={(e) => void onAdd(e)}>
        <label htmlFor={labelId}>{t("passkeys.labelLabel")}</label>
        <input
          id={labelId}
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          maxLength={MAX_PASSKEY_LABEL}
          autoComplete="off"
        />
        <button type="submit" disabled={busy}>
          {t("passkeys.add")}
        </button>
      </form>
      {note && (
        <p role={note.alert ? "alert" : "status"} className={note.alert ? "field-error" : "muted"}>
          {t(note.key)}
        </p>
      )}
    </section>
  );
}
