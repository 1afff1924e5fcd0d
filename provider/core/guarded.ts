/**
 * The wrapper every lifecycle step runs in: strips secrets from whatever it throws. Our
 * own errors say all there is to say in their message, so their stack is cut to that
 * line: the engine prints it whole.
 */
import { isContactCenterError } from "./errors";
import { redactError } from "./secrets";

export async function guarded<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (isContactCenterError(error)) error.stack = `${error.name}: ${error.message}`;
    throw redactError(error);
  }
}
