/**
 * Runs around every test. Each test starts as a new CLI run starts a fresh provider process:
 * no coalesced reads, nothing in a process cache (reference lists, attribute definitions,
 * templates' skill groups), no list in flight and no agent remembered as cloned. A lifecycle
 * test that reads, changes by hand and reads again must see the change.
 */
import { clearClonedAgents } from "../../provider/cce/cloned-agents";
import { clearFreshReads } from "../../provider/core/fresh-read";
import { clearProcessCaches } from "../../provider/core/process-cache";
import { clearSharedReads } from "../../provider/core/shared-read";

beforeEach(() => {
  clearSharedReads();
  clearProcessCaches();
  clearFreshReads();
  clearClonedAgents();
});
