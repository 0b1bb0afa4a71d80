import { createContext, useContext, type ReactNode } from "react";
import type { PushEnvironment } from "./deviceSubscription.js";

const PushEnvironmentContext = createContext<PushEnvironment | undefined>(undefined);

/** Gives the opt-in its browser and server; without one (tests, embeds) the opt-in is not shown. */
export function PushEnvironmentProvider({
  environment,
  children,
}: {
  environment: PushEnvironment;
  children: ReactNode;
}) {
  return <PushEnvironmentContext value={environment}>{children}</PushEnvironmentContext>;
}

export function usePushEnvironment(): PushEnvironment | undefined {
  return useContext(PushEnvironmentContext);
}
