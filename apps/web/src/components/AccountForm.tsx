import { useId, useState, type FormEvent } from "react";
import { LIMITS, MAX_PASSWORD_LENGTH } from "@duplex/protocol";
import { useT } from "../i18n/useT.js";
import { useActions } from "../store/storeContext.js";
import "../styles/accounts.css";
import { FieldError } from "./FieldError.js";

/** Sign in with a password, or create an account: beside "continue as guest" on the first screen. */
export function AccountForm() {
  const { signInWithPassword } = useActions();
  const t = useT();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const ids = { name: useId(), password: useId(), hint: useId(), error: useId(), title: useId() };

  async function submit(mode: "login" | "register") {
    setBusy(true);
    const result = await signInWithPassword(mode, name.trim(), password);
    setBusy(false);
    if (result.ok) return;
    setError(t(result.problem, { detail: result.detail ?? "" }));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Enter signs in; creating an account is the explicit second button.
    void submit("login");
  }

  const described = [ids.hint, ...(error !== undefined ? [ids.error] : [])].join(" ");
  return (
    <form className="signin-card account-form" onSubmit={onSubmit} aria-labelledby={ids.title}>
      <h2 id={ids.title} className="account-title">
        {t("account.title")}
      </h2>
      <p className="muted">{t("account.intro")}</p>
      <label htmlFor={ids.name}>{t("account.nameLabel")}</label>
      <input
        id={ids.name}
        value={name}
        onChange={(e) => setName(e.target.value)}
        autoComplete="username"
        maxLength={LIMITS.maxNameLength * 2}
        required
      />
      <label htmlFor={ids.password}>{t("account.passwordLabel")}</label>
      <input
        id={ids.password}
        type="password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        autoComplete="current-password"
        maxLength={MAX_PASSWORD_LENGTH}
        aria-describedby={described}
        aria-invalid={error !== undefined}
        required
      />
      <p id={ids.hint} className="muted account-hint">
        {t("account.passwordHint")}
      </p>
      <FieldError id={ids.error} error={error} />
      <div className="account-buttons">
        <button type="submit" className="button-primary" disabled={busy}>
          {t("account.signIn")}
        </button>
        <button type="button" disabled={busy} onClick={() => void submit("register")}>
          {t("account.register")}
        </button>
      </div>
    </form>
  );
}
