import { useEffect, useRef, useState } from "react";
import { useT } from "../i18n/useT.js";
import { useActions } from "../store/storeContext.js";

type Step =
  | { kind: "idle" }
  | { kind: "confirm" }
  | { kind: "busy" }
  | { kind: "done" }
  | { kind: "failed"; error: string };

/** Unban, confirmed first; shown on a ban in the moderation log (a banned user is never online). */
export function UnbanButton({ user, name }: { user: string; name: string }) {
  const t = useT();
  const { unbanMember } = useActions();
  const [step, setStep] = useState<Step>({ kind: "idle" });
  const confirmRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (step.kind === "confirm") confirmRef.current?.focus();
  }, [step.kind]);

  async function unban(): Promise<void> {
    setStep({ kind: "busy" });
    const result = await unbanMember(user);
    setStep(result.ok ? { kind: "done" } : { kind: "failed", error: result.error });
  }

  if (step.kind === "done") return <p role="status">{t("moderation.unbanned", { name })}</p>;
  if (step.kind === "confirm" || step.kind === "busy") {
    return (
      <div
        className="member-confirm"
        role="group"
        aria-label={t("moderation.unbanLabel", { name })}
      >
        <p>{t("moderation.confirmUnban", { name })}</p>
        <button
          ref={confirmRef}
          type="button"
          className="button-primary"
          disabled={step.kind === "busy"}
          onClick={() => void unban()}
        >
          {t("moderation.doUnban")}
        </button>
        <button
          type="button"
          className="button-secondary"
          disabled={step.kind === "busy"}
          onClick={() => setStep({ kind: "idle" })}
        >
          {t("moderation.cancel")}
        </button>
      </div>
    );
  }
  return (
    <>
      <button
        type="button"
        className="button-secondary"
        aria-label={t("moderation.unbanLabel", { name })}
        onClick={() => setStep({ kind: "confirm" })}
      >
        {t("moderation.doUnban")}
      </button>
      {step.kind === "failed" && (
        <p role="alert" className="field-error">
          {t("moderation.failed", { error: step.error })}
        </p>
      )}
    </>
  );
}
