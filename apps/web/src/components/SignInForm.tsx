import { useId, useState, type FormEvent } from "react";
import { LIMITS } from "@duplex/protocol";
import { useActions } from "../store/storeContext.js";

export function SignInForm() {
  const { signIn } = useActions();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | undefined>();
  const inputId = useId();
  const errorId = useId();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = signIn(name);
    setError(result.ok ? undefined : result.error);
  }

  return (
    <main className="signin">
      <form className="signin-card" onSubmit={onSubmit} noValidate>
        <h1 className="brand">Duplex</h1>
        <p className="muted">Pick a name to join the conversation in #general.</p>
        <label htmlFor={inputId}>Your name</label>
        <input
          id={inputId}
          value={name}
          onChange={(e) => setName(e.target.value)}
          autoComplete="nickname"
          maxLength={LIMITS.maxNameLength * 2}
          aria-invalid={error !== undefined}
          aria-describedby={error !== undefined ? errorId : undefined}
          autoFocus
        />
        {error !== undefined && (
          <p id={errorId} role="alert" className="field-error">
            {error}
          </p>
        )}
        <button type="submit" className="button-primary">
          Join chat
        </button>
      </form>
    </main>
  );
}
