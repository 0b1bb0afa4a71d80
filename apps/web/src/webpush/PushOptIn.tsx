import { useEffect, useState } from "react";
import type { Translate } from "../i18n/translate.js";
import { useT } from "../i18n/useT.js";
import {
  currentStatus,
  turnOff,
  turnOn,
  type PushEnvironment,
  type PushStatus,
} from "./deviceSubscription.js";
import { usePushEnvironment } from "./pushEnvironmentContext.js";

/**
 * "Notify me on this device": Web Push for when no tab is open. The browser's permission is asked
 * only on the click; every outcome, including a browser whose push service refuses, is said plainly.
 */
export function PushOptIn() {
  const environment = usePushEnvironment();
  return environment ? <PushOptInState environment={environment} /> : null;
}

function PushOptInState({ environment }: { environment: PushEnvironment }) {
  const t = useT();
  const [state, setState] = useState<PushStatus | undefined>(undefined);

  useEffect(() => {
    let live = true;
    void currentStatus(environment).then((status) => {
      if (live) setState((shown) => shown ?? status);
    });
    return () => {
      live = false;
    };
  }, [environment]);

  async function run(action: typeof turnOn): Promise<void> {
    setState({ status: "working" });
    setState(
      await action(environment).catch(() => ({ status: "failed", where: "server" }) as const),
    );
  }

  if (state === undefined) return null;
  const working = state.status === "working";
  const on = state.status === "on";
  return (
    <div className="centre-system centre-webpush">
      <p className="centre-webpush-title">{t("webpush.title")}</p>
      <p role="status" className="centre-webpush-state">
        {describe(state, t)}
      </p>
      {state.status !== "unsupported" && state.status !== "denied" && (
        <button
          type="button"
          className="button-secondary"
          disabled={working}
          onClick={() => void run(on ? turnOff : turnOn)}
        >
          {working ? t("webpush.working") : on ? t("webpush.turnOff") : t("webpush.turnOn")}
        </button>
      )}
    </div>
  );
}

function describe(state: PushStatus, t: Translate): string {
  switch (state.status) {
    case "unsupported":
      return t("webpush.unsupported");
    case "denied":
      return t("webpush.denied");
    case "off":
    case "working":
      return t("webpush.off");
    case "on":
      return t("webpush.on");
    case "failed":
      return state.where === "browser"
        ? t("webpush.refused", { detail: state.detail ?? "" })
        : t("webpush.serverFailed");
  }
}
