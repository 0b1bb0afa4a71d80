import { useId, useState, type FormEvent } from "react";
import { PublicRoomName } from "@duplex/protocol";
import { useActions } from "../store/storeContext.js";

/** Join a room by name, creating it if nobody has yet; the protocol's own name rule decides. */
export function JoinRoomForm() {
  const { joinRoom, setPanel } = useActions();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | undefined>();
  const inputId = useId();
  const errorId = useId();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = PublicRoomName.safeParse(name.trim().replace(/^#/, ""));
    if (!parsed.success) {
      setError(`Room name ${parsed.error.issues[0]?.message ?? "is not valid"}`);
      return;
    }
    setError(undefined);
    setName("");
    joinRoom(parsed.data);
    setPanel(null);
  }

  return (
    <form className="join-room" onSubmit={onSubmit} noValidate>
      <label htmlFor={inputId} className="visually-hidden">
        Room name
      </label>
      <input
        id={inputId}
        value={name}
        onChange={(e) => setName(e.target.value)}
        placeholder="Join or create…"
        aria-invalid={error !== undefined}
        aria-describedby={error !== undefined ? errorId : undefined}
      />
      <button type="submit" className="button-primary">
        Join
      </button>
      {error !== undefined && (
        <p id={errorId} role="alert" className="field-error">
          {error}
        </p>
      )}
    </form>
  );
}
