/**
 * `contact-center validate <file|folder>`: the offline check, for editors, pre-commit hooks
 * and pull requests. No credentials and no calls: what needs the tenant (site names,
 * attribute names, role ids) is checked by `pulumi preview`.
 */
import { ConfigProblem, formatProblem, loadContactCenter } from "../config/load";
import { optionsWithDefaults } from "../config/read-files";
import { Command, paintersOf, parseCommandArgs, UsageError } from "./command";

export const validateCommand: Command = {
  name: "validate",
  summary: "check a contact-center YAML file (or folder) offline",
  help: [
    "usage: contact-center validate <file|folder|-> [--json | --format text|json|github] [--allow-outside]",
    "",
    "Checks a declaration offline, with no credentials and no calls: the YAML, every field",
    "against its resource's rules, unique keys, and references between declared objects",
    "(a user's skill groups). Each problem is printed as file:line:column: field, rule, value.",
    "A folder means every *.yaml in it, merged in name order.",
    "",
    "Only regular files are read, at most 16 MiB each (CONTACT_CENTER_MAX_FILE_BYTES), and a",
    "symbolic link only to a file inside the current folder.",
    "",
    "options:",
    "  --format <f>      text (default); json: the problems as JSON (an array of {file, line,",
    "                    column, path, message}); github: GitHub Actions annotations, which a",
    "                    pull request shows on the lines they name",
    "  --json            the same as --format json",
    "  --allow-outside   follow symbolic links to files outside the current folder",
    "                    (also CONTACT_CENTER_ALLOW_OUTSIDE=1, which preview and up read)",
    "",
    "exit codes: 0 valid, 1 problems found (or the file cannot be read)",
    "",
    "A file named - is read from standard input.",
    "",
    "example: contact-center validate contact-center.yaml",
    "         contact-center validate --format github contact-center.yaml   (in a workflow step)",
  ].join("\n"),
  async run(args, io) {
    const { positional, options } = parseCommandArgs(args, { json: { type: "boolean" }, format: { type: "string" }, "allow-outside": { type: "boolean" } });
    if (positional.length !== 1) throw new UsageError(positional.length === 0 ? "a file or folder is needed" : `one file or folder, got ${positional.length}`);
    if (options.json && options.format !== undefined && options.format !== "json") throw new UsageError(`--json and --format ${options.format} contradict each other`);
    const format = options.json ? "json" : (options.format ?? "text");
    const paint = paintersOf(io);
    if (!FORMATS.includes(format)) throw new UsageError(`--format is ${FORMATS.join(", ")}, got ${JSON.stringify(format)}`);
    // `-`: the declaration on standard input (an editor's buffer, a file from another command).
    const result =
      positional[0] === "-"
        ? await loadContactCenter("<stdin>", { text: await readStdin() })
        : await loadContactCenter(positional[0], options["allow-outside"] ? { allowOutside: true } : {});
    if (format === "json") io.out(JSON.stringify(result.problems, null, 2));
    else if (format === "github") {
      for (const problem of result.problems) io.out(githubAnnotation(problem));
      io.err(result.problems.length === 0 ? `${positional[0]}: valid (${result.files.length} file(s))` : `${result.problems.length} problem(s)`);
    } else if (result.problems.length === 0) io.out(`${positional[0]}: ${paint.out("valid", "green")} (${result.files.length} file(s))`);
    else {
      for (const problem of result.problems) io.out(formatProblem(problem));
      io.err(paint.err(`${result.problems.length} problem(s)`, "red"));
    }
    return result.problems.length === 0 ? 0 : 1;
  },
};

const FORMATS = ["text", "json", "github"];

/**
 * A problem as a GitHub Actions workflow command: the run's log turns it into an annotation
 * that a pull request shows on the line (values escaped as the runner expects).
 */
export function githubAnnotation(problem: ConfigProblem): string {
  const data = (text: string) => text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  const property = (text: string) => data(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
  return `::error file=${property(problem.file)},line=${problem.line},col=${problem.column},title=${property("contact-center validate")}::${data(problem.message)}`;
}

/** Standard input, up to the size a declaration file may be (CONTACT_CENTER_MAX_FILE_BYTES). */
async function readStdin(): Promise<string> {
  const limit = optionsWithDefaults({}).maxFileBytes;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error(`standard input is larger than the ${limit} bytes a declaration may be (CONTACT_CENTER_MAX_FILE_BYTES)`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
