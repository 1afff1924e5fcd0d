/**
 * Reading declaration files as if they were hostile: the pipeline prints what `validate` and
 * `preview` say into a pull request, so a file must never make them print what it should not
 * have been able to read (a symbolic link to /proc/self/environ holds the pipeline's
 * credentials), nor hang (a FIFO) or exhaust memory (a link to /dev/zero).
 *
 * - Only regular files are read; nothing under /proc, /sys or /dev, whatever its type says.
 * - A symbolic link is followed only to a file inside the project folder (the current folder,
 *   where `pulumi` and `contact-center` run), unless outside files are allowed: a file named
 *   directly is the reader's own choice, a link pointing elsewhere is not.
 * - At most `maxFileBytes` are read (16 MiB unless set); a larger file is refused, not cut.
 * - The text must be UTF-8 without NUL bytes: anything else is not a YAML declaration.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export interface ReadOptions {
  /** The project folder a symbolic link may lead into. @default the current folder */
  root?: string;
  /** Follow symbolic links to files outside the project folder. @default CONTACT_CENTER_ALLOW_OUTSIDE=1 */
  allowOutside?: boolean;
  /** The largest file read. @default CONTACT_CENTER_MAX_FILE_BYTES, else 16 MiB */
  maxFileBytes?: number;
}

export const DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024;
/** System folders whose "files" are not files: their contents are the machine's, not a declaration. */
const SYSTEM_FOLDERS = ["/proc", "/sys", "/dev"];

export type ReadResult = { text: string } | { refusal: string };

export function optionsWithDefaults(options: ReadOptions) {
  const fromEnv = Number(process.env.CONTACT_CENTER_MAX_FILE_BYTES);
  return {
    root: options.root ?? process.cwd(),
    allowOutside: options.allowOutside ?? process.env.CONTACT_CENTER_ALLOW_OUTSIDE === "1",
    maxFileBytes: options.maxFileBytes ?? (Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_MAX_FILE_BYTES),
  };
}

const isInside = (child: string, parent: string) => child === parent || child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);

const KIND_OF = (stat: fs.Stats) =>
  stat.isDirectory() ? "a folder" : stat.isFIFO() ? "a FIFO (named pipe)" : stat.isSocket() ? "a socket" : stat.isCharacterDevice() || stat.isBlockDevice() ? "a device" : "not a regular file";

const sizeOf = (bytes: number) => (bytes < 1024 * 1024 ? `${bytes.toLocaleString("en-US")} bytes` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`);

/**
 * Where `target` really is, or why it may not be read: a path under a system folder, or a
 * symbolic link (anywhere along the path) that leads out of the project folder.
 */
export function resolveSafely(target: string, options: ReadOptions = {}): { real: string } | { refusal: string } {
  const { root, allowOutside } = optionsWithDefaults(options);
  const given = path.resolve(target);
  let real: string;
  try {
    real = fs.realpathSync(given);
  } catch {
    return { refusal: "no such file or folder" };
  }
  const named = SYSTEM_FOLDERS.find((folder) => isInside(given, folder));
  if (named) return { refusal: `is not a declaration file: it lies under ${named}` };
  const reached = SYSTEM_FOLDERS.find((folder) => isInside(real, folder));
  if (reached) return { refusal: `is not a declaration file: its link leads to a path that lies under ${reached}` };
  // Linked, if the resolved path differs from the given one once its folder is resolved
  // (a folder such as macOS's /tmp may itself be a link: that is not the file's doing).
  let folder: string;
  try {
    folder = fs.realpathSync(path.dirname(given));
  } catch {
    folder = path.dirname(given);
  }
  const linked = real !== path.join(folder, path.basename(given));
  let project: string;
  try {
    project = fs.realpathSync(root);
  } catch {
    project = path.resolve(root);
  }
  if (linked && !allowOutside && !isInside(real, project)) {
    return {
      refusal:
        `is a symbolic link to a path outside the project folder ${project}: a link is followed only inside it. ` +
        "Move the file into the project, name it directly, or set CONTACT_CENTER_ALLOW_OUTSIDE=1 (validate --allow-outside)",
    };
  }
  return { real };
}

/** The text of a declaration file, or why it may not be read (see the module's rules). */
export function readDeclaration(target: string, options: ReadOptions = {}): ReadResult {
  const { maxFileBytes } = optionsWithDefaults(options);
  const resolved = resolveSafely(target, options);
  if ("refusal" in resolved) return resolved;
  const stat = fs.statSync(resolved.real);
  // Before opening: opening a FIFO waits for a writer.
  if (!stat.isFile()) return { refusal: `is ${KIND_OF(stat)}, not a regular file` };
  if (stat.size > maxFileBytes) return { refusal: tooLarge(stat.size, maxFileBytes) };
  const descriptor = fs.openSync(resolved.real, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    // In chunks, to one byte past the limit: a file that grows, or reports no size, is caught too.
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      const read = fs.readSync(descriptor, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      length += read;
      if (length > maxFileBytes) return { refusal: tooLarge(length, maxFileBytes, true) };
    }
    const bytes = Buffer.concat(chunks, length);
    if (bytes.includes(0)) return { refusal: "holds a NUL byte: it is not a text file" };
    try {
      return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
    } catch {
      return { refusal: "is not UTF-8 text" };
    }
  } finally {
    fs.closeSync(descriptor);
  }
}

function tooLarge(size: number, limit: number, atLeast = false): string {
  return `is ${atLeast ? "more than " : ""}${sizeOf(size)}, larger than the ${sizeOf(limit)} a declaration file may be (CONTACT_CENTER_MAX_FILE_BYTES)`;
}

/**
 * The YAML files of a path: the file itself, or a folder's *.yaml / *.yml files in name order
 * (Pulumi's own files left out), each checked by `resolveSafely` when it is read.
 */
export function declarationFiles(target: string, options: ReadOptions = {}): { files: string[] } | { refusal: string } {
  const resolved = resolveSafely(target, options);
  if ("refusal" in resolved) return resolved;
  if (!fs.statSync(resolved.real).isDirectory()) return { files: [target] };
  return {
    files: fs
      .readdirSync(resolved.real)
      .filter((name) => /\.ya?ml$/.test(name) && !/^Pulumi(\..+)?\.ya?ml$/.test(name))
      .sort()
      .map((name) => path.join(target, name)),
  };
}
