import { useT } from "../i18n/useT.js";
import "../styles/accounts.css";

/**
 * Marks a guest (no account) beside its name, so a member can tell it from an account of a similar
 * name. The server sends `guest: true` only because the app asks for the `accounts` capability.
 */
export function GuestBadge() {
  const t = useT();
  return <span className="guest-badge">{t("user.guest")}</span>;
}
