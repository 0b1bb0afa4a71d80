import { SCENARIO_THRESHOLD, bigRoomScenario } from "../support/memberPagesScenario.js";
import { describeScenarioOnTwoNodes } from "./clusterHarness.js";

describeScenarioOnTwoNodes(
  "big rooms",
  "[R11][R12] pages members, coalesces occupancy and sends changes only to watchers and v1 clients, across nodes",
  (urls) => bigRoomScenario(urls, "general"),
  { overrides: { bigRoomThreshold: SCENARIO_THRESHOLD }, postgresOnly: false },
);
