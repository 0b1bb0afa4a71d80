import type { FormEvent } from "react";
import { checkRoomName } from "@duplex/protocol";
import { nameProblem } from "../i18n/nameProblem.js";
import { useT } from "../i18n/useT.js";
import { useActions } from "../store/storeContext.js";
import { JoinRefusedNotice } from "./JoinRefusedNotice.js";
import { FieldError } from "./FieldError.js";
import { useTextField } from "./useTextField.js";

/** Join a room by name, creating it if nobody has yet; the protocol's own name rule decides. */
export function JoinRoomForm() {
  const { joinRoom, setPanel } = useActions();
  const t = useT();
  const room = useTextField();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = checkRoomName(room.value.trim().replace(/^#/, ""));
    if (!parsed.ok) {
      room.setError(t("room.invalid", { problem: nameProblem(parsed.problem, t) }));
      return;
    }
    room.setError(undefined);
    room.setValue("");
    joinRoom(parsed.value);
    setPanel(null);
  }

  return (
    <form className="join-room" onSubmit={onSubmit} noValidate>
      <label htmlFor={room.inputProps.id} className="visually-hidden">
        {t("room.joinLabel")}
      </label>
      <input {...room.inputProps} placeholder={t("room.joinPlaceholder")} />
      <button type="submit" className="button-primary">
        {t("room.join")}
      </button>
      <FieldError id={room.errorId} error={room.error} />
      <JoinRefusedNotice />
    </form>
  );
}
