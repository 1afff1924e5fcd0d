/**
 * `contact-center validate <file|folder>`: the offline check, for editors, pre-commit hooks
 * and pull requests. No credentials and no calls: what needs the tenant (site names,
 * attribute names, role ids) is checked by `pulumi preview`.
 */
import { formatProblem, loadContactCenter } from "../config/load";
import { Command, parseArgs } from "./command";

export const validateCommand: Command = {
  name: "validate",
  summary: "check a contact-center YAML file (or folder) offline",
  help: [
    "usage: contact-center validate <file|folder> [--json] [--allow-outside]",
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
    "  --json            print the problems as JSON (an array of {file, line, column, path, message})",
    "  --allow-outside   follow symbolic links to files outside the current folder",
    "                    (also CONTACT_CENTER_ALLOW_OUTSIDE=1, which preview and up read)",
    "",
    "exit codes: 0 valid, 1 problems found (or the file cannot be read)",
    "",
    "example: contact-center validate contact-center.yaml",
  ].join("\n"),
  async run(args, io) {
    const { positional, options } = parseArgs(args, ["json", "allow-outside"]);
    if (positional.length !== 1) {
      io.err("usage: contact-center validate <file|folder> (see --help)");
      return 1;
    }
    const result = await loadContactCenter(positional[0], options["allow-outside"] ? { allowOutside: true } : {});
    if (options.json) io.out(JSON.stringify(result.problems, null, 2));
    else if (result.problems.length === 0) io.out(`${positional[0]}: valid (${result.files.length} file(s))`);
    else {
      for (const problem of result.problems) io.out(formatProblem(problem));
      io.err(`${result.problems.length} problem(s)`);
    }
    return result.problems.length === 0 ? 0 : 1;
  },
};
