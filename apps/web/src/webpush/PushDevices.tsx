import { useId, useState } from "react";
import type { PushDevice, User } from "@duplex/protocol";
import { MEDIUM_DATE_TIME } from "../i18n/DateTime.js";
import { dateTimeFormat } from "../i18n/intlFormat.js";
import { useLocale, useT } from "../i18n/useT.js";
import { useActions } from "../store/storeContext.js";
import { DisclosureButton } from "../components/DisclosureButton.js";

type View =
  | { kind: "closed" }
  | { kind: "loading" }
  | { kind: "failed" }
  | { kind: "shown"; devices: readonly PushDevice[] };

/**
 * For owners and admins: the devices a member registered for Web Push (the push service's origin,
 * when it was added, the last push it accepted), asked of the server each time it is opened.
 */
export function PushDevices({ user }: { user: User }) {
  const { pushDevices } = useActions();
  const t = useT();
  const locale = useLocale();
  const [view, setView] = useState<View>({ kind: "closed" });
  const listId = useId();
  const when = (ms: number) => dateTimeFormat(locale, MEDIUM_DATE_TIME).format(ms);
  const open = view.kind !== "closed";

  async function toggle(): Promise<void> {
    if (open) return setView({ kind: "closed" });
    setView({ kind: "loading" });
    const devices = await pushDevices(user.id);
    setView(devices === undefined ? { kind: "failed" } : { kind: "shown", devices });
  }

  return (
    <div className="push-devices">
      <DisclosureButton
        className="button-secondary"
        open={open}
        controls={listId}
        label={t("pushDevices.label", { name: user.name })}
        onToggle={() => void toggle()}
      >
        {t("pushDevices.show")}
      </DisclosureButton>
      <div id={listId} aria-live="polite">
        {view.kind === "loading" && <p>{t("pushDevices.loading")}</p>}
        {view.kind === "failed" && (
          <p role="alert" className="field-error">
            {t("pushDevices.failed")}
          </p>
        )}
        {view.kind === "shown" && view.devices.length === 0 && (
          <p>{t("pushDevices.none", { name: user.name })}</p>
        )}
        {view.kind === "shown" && view.devices.length > 0 && (
          <ul aria-label={t("pushDevices.label", { name: user.name })}>
            {view.devices.map((device) => (
              <li key={device.id}>
                {t("pushDevices.item", { origin: device.origin, added: when(device.createdAt) })}
                {" · "}
                {device.lastSuccessAt === undefined
                  ? t("pushDevices.neverPushed")
                  : t("pushDevices.lastPush", { at: when(device.lastSuccessAt) })}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
