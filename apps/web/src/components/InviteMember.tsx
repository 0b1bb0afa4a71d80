import { useId, useMemo, useState, type FormEvent } from "react";
import { normalizeName, type User } from "@duplex/protocol";
import { useT } from "../i18n/useT.js";
import { useActions, useDuplex } from "../store/storeContext.js";
import { ConfirmGroup, type ConfirmStep } from "./ConfirmGroup.js";
import "../styles/moderation.css";

const sameName = (a: string, b: string) =>
  normalizeName(a).toLocaleLowerCase() === normalizeName(b).toLocaleLowerCase();

/**
 * For a private room's owner or a moderator: invite someone by name. Names are only labels, so the
 * name is matched to a user we have seen in our rooms and the invite carries that user's id.
 */
export function InviteMember({ room }: { room: string }) {
  const t = useT();
  const { inviteMember } = useActions();
  const membersByRoom = useDuplex((s) => s.chat.members);
  const myId = useDuplex((s) => s.session.user?.id);
  const [name, setName] = useState("");
  const [step, setStep] = useState<ConfirmStep<User>>({ kind: "idle" });
  const inputId = useId();
  const listId = useId();

  // Everyone we can see in our other rooms, once each, not already here.
  const candidates = useMemo(() => {
    const here = new Set((membersByRoom[room] ?? []).map((u) => u.id));
    const seen = new Map<string, User>();
    for (const users of Object.values(membersByRoom)) {
      for (const u of users) if (u.id !== myId && !here.has(u.id)) seen.set(u.id, u);
    }
    return [...seen.values()];
  }, [membersByRoom, room, myId]);

  function onSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const typed = name.trim();
    if (typed === "") return;
    if ((membersByRoom[room] ?? []).some((u) => sameName(u.name, typed))) {
      setStep({ kind: "failed", error: t("moderation.inviteAlready", { name: typed }) });
      return;
    }
    const user = candidates.find((u) => sameName(u.name, typed));
    if (user === undefined) {
      setStep({ kind: "failed", error: t("moderation.inviteUnknown", { name: typed }) });
      return;
    }
    setStep({ kind: "confirm", target: user });
  }

  async function invite(user: User): Promise<void> {
    setStep({ kind: "busy", target: user });
    const result = await inviteMember(room, user.id);
    if (result.ok) {
      setName("");
      setStep({ kind: "done", target: user });
    } else {
      setStep({ kind: "failed", error: t("moderation.failed", { error: result.error }) });
    }
  }

  const pending = step.kind === "confirm" || step.kind === "busy" ? step.target : undefined;
  return (
    <form className="invite-member" aria-label={t("moderation.inviteLabel")} onSubmit={onSubmit}>
      <label htmlFor={inputId}>{t("moderation.inviteName")}</label>
      <input
        id={inputId}
        list={listId}
        value={name}
        autoComplete="off"
        disabled={pending !== undefined}
        onChange={(event) => {
          setName(event.target.value);
          if (step.kind !== "idle") setStep({ kind: "idle" });
        }}
      />
      <datalist id={listId}>
        {candidates.map((u) => (
          <option key={u.id} value={u.name} />
        ))}
      </datalist>
      {pending === undefined && (
        <button type="submit" className="button-secondary">
          {t("moderation.invite")}
        </button>
      )}
      {pending !== undefined && (
        <ConfirmGroup
          label={t("moderation.inviteLabel")}
          question={t("moderation.confirmInvite", { name: pending.name })}
          confirm={t("moderation.invite")}
          busy={step.kind === "busy"}
          onConfirm={() => void invite(pending)}
          onCancel={() => setStep({ kind: "idle" })}
        />
      )}
      {step.kind === "done" && (
        <p role="status">{t("moderation.invited", { name: step.target.name })}</p>
      )}
      {step.kind === "failed" && (
        <p role="alert" className="field-error">
          {step.error}
        </p>
      )}
    </form>
  );
}
