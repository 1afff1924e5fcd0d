/** What a `contact-center` command printed: stdout lines in `out`, stderr and progress in `err`. */
import type { CommandIo } from "../../cli/command";

export function captureIo(): { io: CommandIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = { out: (t) => out.push(t), err: (t) => err.push(t), progress: (t) => err.push(t) };
  return { io, out, err };
}
