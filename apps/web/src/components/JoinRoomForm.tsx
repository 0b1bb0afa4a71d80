import { useId, useState, type FormEvent } from "react";
import { checkRoomName } from "@duplex/protocol";
import { nameProblem } from "../i18n/nameProblem.js";
import { useT } from "../i18n/useT.js";
import { useActions } from "../store/storeContext.js";
import { JoinRefusedNotice } from "./JoinRefusedNotice.js";
import { FieldError } from "./FieldError.js";

/** Join a room by name, creating it if nobody has yet; the protocol's own name rule decides. */
export function JoinRoomForm() {
  const { joinRoom, setPanel } = useActions();
  const t = useT();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | undefined>();
  const inputId = useId();
  const errorId = useId();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = checkRoomName(name.trim().replace(/^#/, ""));
    if (!parsed.ok) {
      setError(t("room.invalid", { problem: nameProblem(parsed.problem, t) }));
      return;
    }
    setError(undefined);
    setName("");
    joinRoom(parsed.value);
    setPanel(null);
  }

  return (
    <form className="join-room" onSubmit={onSubmit} noValidate>
      <label htmlFor={inputId} className="visually-hidden">
        {t("room.joinLabel")}
      </label>
      <input
        id={inputId}
        value={name}
        onChange={(e) => setName(e.target.value)}
        placeholder={t("room.joinPlaceholder")}
        aria-invalid={error !== undefined}
        aria-describedby={error !== undefined ? errorId : undefined}
      />
      <button type="submit" className="button-primary">
        {t("room.join")}
      </button>
      <FieldError id={errorId} error={error} />
      <JoinRefusedNotice />
    </form>
  );
}
