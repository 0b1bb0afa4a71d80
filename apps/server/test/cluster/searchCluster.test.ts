import { searchScenario } from "../support/searchScenario.js";
import { describeScenarioOnTwoNodes } from "./clusterHarness.js";

describeScenarioOnTwoNodes(
  "search",
  "finds Chinese and Latin text across nodes in readable rooms only, as edited",
  // The cluster runs with abuse limits off; the one-node test checks the budget.
  (urls) => searchScenario(urls, { budgeted: false }),
);
