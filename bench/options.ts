/**
 * `npm run bench`'s options (bench/run.ts says what each does), read and checked together before
 * anything runs: a mistake found after an hour's set-up costs the hour.
 */
import { STEPS, type Span, type StepName } from "./report";

export interface Options {
  sizes: number[];
  latencyMs: number;
  sessionCap: number;
  parallel: number;
  out: string;
  baseline: boolean;
  /** PULUMI_SKIP_CHECKPOINTS=true for the CLI runs. */
  skipCheckpoints: boolean;
  /** Also run the engine floor (bench/floor.ts) at each size. */
  floor: boolean;
  /** Sharded: the tenant runs through `contact-center shards` with stacks of about this many objects. */
  shardSize?: number;
  /** Sharded: shard stacks run at once. */
  concurrency: number;
  /** Measure from this step on; the steps before it set the stack up or are skipped. */
  from?: StepName;
  /** Measure up to this step; those after it are skipped. */
  to?: StepName;
  /** Only a part of the floor's `from` step (bench/floor.ts, FloorOptions.span). */
  span?: Span;
  /** Run the tenant (and its baseline); false with --no-tenant, for the floor alone. */
  tenant: boolean;
  /** Only re-render this results file (re-classing its calls) and its Markdown. */
  render?: string;
}

/** The options of a command line (without node and the script); throws on one it cannot run. */
export function parseArgs(argv: string[]): Options {
  const options: Options = { sizes: [100, 1000], latencyMs: 20, sessionCap: 5, parallel: 10, out: "bench/results/latest.json", baseline: true, skipCheckpoints: false, floor: true, concurrency: 4, tenant: true };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const value = () => inline ?? argv[++i];
    const int = (name: string) => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got ${JSON.stringify(argv[i])}`);
      return n;
    };
    switch (flag) {
      case "--sizes":
        options.sizes = value().split(",").map((s) => Number(s.trim()));
        if (options.sizes.some((n) => !Number.isInteger(n) || n < 20)) throw new Error(`--sizes must be whole numbers of at least 20, got ${argv[i]}`);
        break;
      case "--latency":
        options.latencyMs = int("--latency");
        break;
      case "--session-cap":
        options.sessionCap = int("--session-cap");
        break;
      case "--parallel":
        options.parallel = Math.max(1, int("--parallel"));
        break;
      case "--out":
        options.out = value();
        break;
      case "--render":
        options.render = value();
        break;
      case "--no-baseline":
        options.baseline = false;
        break;
      case "--skip-checkpoints":
        options.skipCheckpoints = true;
        break;
      case "--shard-size":
        options.shardSize = Math.max(1, int("--shard-size"));
        break;
      case "--concurrency":
        options.concurrency = Math.max(1, int("--concurrency"));
        break;
      case "--no-floor":
        options.floor = false;
        break;
      case "--no-tenant":
        options.tenant = false;
        break;
      case "--from":
      case "--to": {
        const step = value();
        if (!STEPS.includes(step as StepName)) throw new Error(`${flag} must be one of ${STEPS.map((s) => JSON.stringify(s)).join(", ")}, got ${JSON.stringify(step)}`);
        options[flag === "--from" ? "from" : "to"] = step as StepName;
        break;
      }
      case "--span": {
        const match = /^(\d+):(\d+)$/.exec(value());
        if (!match) throw new Error(`--span must be FROM:TO, resources in the stack when the part begins and when it ends, got ${JSON.stringify(argv[i])}`);
        options.span = { from: Number(match[1]), to: Number(match[2]) };
        break;
      }
      case "--help":
        console.log(USAGE);
        process.exit(0);
      default:
        throw new Error(`unknown option ${argv[i]} (try --help)`);
    }
  }
  checkSteps(options);
  // A span is a part of one step: the only one measured.
  if (options.span) options.to = options.from;
  return options;
}

const USAGE =
  'npm run bench -- [--sizes 100,1000] [--latency 20] [--session-cap 5] [--parallel 10] [--out bench/results/latest.json] [--no-baseline] [--no-floor] [--no-tenant] ' +
  '[--skip-checkpoints] [--shard-size 500] [--concurrency 4] [--from "10% up"] [--to "10% up"] [--span 5000:7500]';

/** The step options together: what they ask must be something the bench can measure. */
function checkSteps(options: Options): void {
  if (!options.tenant && !options.floor) throw new Error("--no-tenant with --no-floor leaves nothing to measure");
  if (options.from && options.to && STEPS.indexOf(options.to) < STEPS.indexOf(options.from)) throw new Error(`--to "${options.to}" comes before --from "${options.from}"`);
  const span = options.span;
  if (!span) return;
  if (options.tenant || !options.floor || options.shardSize) throw new Error("--span measures part of a step of the floor's one stack: it needs --no-tenant, and neither --no-floor nor --shard-size");
  if (options.from === "create up" ? !(span.from < span.to) : options.from === "destroy" ? !(span.from > span.to) : true) {
    throw new Error(`--span needs --from "create up" (FROM < TO: the stack grows) or --from destroy (FROM > TO: it shrinks), got --from ${JSON.stringify(options.from)} --span ${span.from}:${span.to}`);
  }
  if (options.to && options.to !== options.from) throw new Error("--span measures one step: --to, if given, must be --from's");
  const largest = Math.max(span.from, span.to);
  if (options.sizes.some((n) => n < largest)) throw new Error(`--span ${span.from}:${span.to} reaches ${largest} resources, more than --sizes ${options.sizes.join(",")}`);
}

