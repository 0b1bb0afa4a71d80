import { reactionsScenario } from "../support/reactionsScenario.js";
import { describeScenarioOnTwoNodes } from "./clusterHarness.js";

describeScenarioOnTwoNodes(
  "reactions and replies",
  "toggles idempotently, counts, fans out across nodes, refuses what it must, quotes replies",
  reactionsScenario,
);
