import { useId, useState, type FormEvent } from "react";
import { LIMITS } from "@duplex/protocol";
import { useT } from "../i18n/useT.js";
import { LanguageSwitcher } from "../i18n/LanguageSwitcher.js";
import { useActions } from "../store/storeContext.js";
import { AccountForm } from "./AccountForm.js";
import { SessionEndedNotice } from "./SessionEndedNotice.js";
import { PasskeySignIn } from "./PasskeySignIn.js";
import { FieldError } from "./FieldError.js";

export function SignInForm() {
  const { signIn } = useActions();
  const t = useT();
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
      <SessionEndedNotice />
      <form className="signin-card" onSubmit={onSubmit} noValidate>
        <div className="signin-head">
          <h1 className="brand">Duplex</h1>
          <LanguageSwitcher />
        </div>
        <p className="muted">{t("signIn.intro")}</p>
        <label htmlFor={inputId}>{t("signIn.nameLabel")}</label>
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
        <FieldError id={errorId} error={error} />
        <button type="submit" className="button-primary">
          {t("signIn.submit")}
        </button>
      </form>
      <AccountForm />
      <PasskeySignIn />
    </main>
  );
}
