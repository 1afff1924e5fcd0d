/**
 * Runs around every test. Each test starts with no coalesced reads and nothing kept in a
 * process cache (reference lists, attribute definitions), as each CLI run starts a fresh
 * provider process: a lifecycle test that reads, changes by hand and reads again must see the change.
 */
import { clearProcessCaches } from "../../provider/core/process-cache";
import { clearSharedReads } from "../../provider/core/shared-read";

beforeEach(() => {
  clearSharedReads();
  clearProcessCaches();
});
