/**
 * The emulator answers with the same result constants the provider explains: one table,
 * kept with the provider in provider/cce/result-codes.ts.
 */
export { cceResultCodes, meaningOf } from "../../provider/cce/result-codes";
export type { CceResultCode } from "../../provider/cce/result-codes";

/** `code` of a successful call. */
export const CODE_SUCCESS = 0;
/** `code` of a failed call; the reason is in `codeMessage`. */
export const CODE_FAILURE = -1;
