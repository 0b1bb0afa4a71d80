import { useId, useState } from "react";
import "../styles/passkeys.css";
import { useT } from "../i18n/useT.js";
import { useActions } from "../store/storeContext.js";
import { FieldError } from "./FieldError.js";

/** "Sign in with a passkey": the browser offers this site's passkeys; no name to type. */
export function PasskeySignIn() {
  const { signInWithPasskey } = useActions();
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const errorId = useId();

  async function start() {
    setBusy(true);
    setError(undefined);
    const result = await signInWithPasskey();
    setBusy(false);
    if (!result.ok) setError(t(result.problem, { detail: result.detail ?? "" }));
  }

  return (
    <div className="passkey-signin">
      <button
        type="button"
        className="button-secondary"
        onClick={() => void start()}
        disabled={busy}
        aria-describedby={error !== undefined ? errorId : undefined}
      >
        {busy ? t("passkeys.signingIn") : t("passkeys.signIn")}
      </button>
      <FieldError id={errorId} error={error} />
    </div>
  );
}
