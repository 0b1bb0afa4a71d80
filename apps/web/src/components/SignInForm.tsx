import type { FormEvent } from "react";
import { LIMITS } from "@duplex/protocol";
import { useT } from "../i18n/useT.js";
import { LanguageSwitcher } from "../i18n/LanguageSwitcher.js";
import { useActions } from "../store/storeContext.js";
import { AccountForm } from "./AccountForm.js";
import { SessionEndedNotice } from "./SessionEndedNotice.js";
import { PasskeySignIn } from "./PasskeySignIn.js";
import { FieldError } from "./FieldError.js";
import { useTextField } from "./useTextField.js";

export function SignInForm() {
  const { signIn } = useActions();
  const t = useT();
  const name = useTextField();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = signIn(name.value);
    name.setError(result.ok ? undefined : result.error);
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
        <label htmlFor={name.inputProps.id}>{t("signIn.nameLabel")}</label>
        <input
          {...name.inputProps}
          autoComplete="nickname"
          maxLength={LIMITS.maxNameLength * 2}
          autoFocus
        />
        <FieldError id={name.errorId} error={name.error} />
        <button type="submit" className="button-primary">
          {t("signIn.submit")}
        </button>
      </form>
      <AccountForm />
      <PasskeySignIn />
    </main>
  );
}
