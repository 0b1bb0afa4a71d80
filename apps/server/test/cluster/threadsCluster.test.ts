import { threadsScenario } from "../support/threadsScenario.js";
import { describeScenarioOnTwoNodes } from "./clusterHarness.js";

describeScenarioOnTwoNodes(
  "threads",
  "sends, delivers across nodes, summarises, pages, syncs unread, notifies, refuses and replays threads",
  threadsScenario,
);
