import { useState } from "react";
import { useT } from "../i18n/useT.js";
import { useActions } from "../store/storeContext.js";
import { ConfirmGroup } from "./ConfirmGroup.js";

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
  async function unban(): Promise<void> {
    setStep({ kind: "busy" });
    const result = await unbanMember(user);
    setStep(result.ok ? { kind: "done" } : { kind: "failed", error: result.error });
  }

  if (step.kind === "done") return <p role="status">{t("moderation.unbanned", { name })}</p>;
  if (step.kind === "confirm" || step.kind === "busy") {
    return (
      <ConfirmGroup
        label={t("moderation.unbanLabel", { name })}
        question={t("moderation.confirmUnban", { name })}
        confirm={t("moderation.doUnban")}
        busy={step.kind === "busy"}
        onConfirm={() => void unban()}
        onCancel={() => setStep({ kind: "idle" })}
      />
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
