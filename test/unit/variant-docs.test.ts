/**
 * Every emulator variant is written down where a reader looks for it: the README's list, the
 * wire-decisions table of its vendor, and the vendor's variants test, which shows the provider
 * behaving correctly or refusing against it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { VARIANT_NAMES } from "../../emulator/variants";

const root = path.resolve(__dirname, "../..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
const vendorOf = (variant: string) => variant.split("-")[0];

test.each(VARIANT_NAMES)("variant %s is in the README, its vendor's wire decisions and its vendor's variants test", (variant) => {
  expect(read("README.md")).toContain(`\`${variant}\``);
  expect(read(`docs/${vendorOf(variant)}-wire-decisions.md`)).toContain(`\`${variant}\``);
  expect(read(`test/provider/${vendorOf(variant)}-variants.test.ts`)).toContain(`"${variant}"`);
});
