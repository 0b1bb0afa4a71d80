import { useT } from "../i18n/useT.js";
import { useActions } from "../store/storeContext.js";

/** Ends this browser's session on the server (its tabs close everywhere) and shows sign-in. */
export function SignOutButton() {
  const { signOut } = useActions();
  const t = useT();
  return (
    <button type="button" className="header-button sign-out" onClick={() => void signOut()}>
      {t("account.signOut")}
    </button>
  );
}
