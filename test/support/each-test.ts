/**
 * Runs around every test. Each test starts with no coalesced reads kept, as each CLI run starts
 * a fresh provider process: a lifecycle test that reads, changes by hand and reads again must
 * see the change.
 */
import { clearSharedReads } from "../../provider/core/shared-read";

beforeEach(() => clearSharedReads());
