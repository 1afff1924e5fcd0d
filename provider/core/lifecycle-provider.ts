/**
 * The dynamic provider every resource uses: a thin forwarder to the resource's lifecycle
 * module, loaded by package path inside the provider process.
 *
 * Pulumi serializes the provider object into the state for every resource, twice (inputs and
 * outputs). So it is a plain object with one-line methods and short property names, holding
 * only the module path, and reaching the code through `require` at call time (the serializer
 * does not follow it): about 2 KB, where a class instance costs 4 KB. Nothing here may refer
 * to anything at module level.
 */
import type * as pulumi from "@pulumi/pulumi";

type Config = pulumi.dynamic.Config | undefined;

/** What a resource's `*.lifecycle.ts` module exports. */
export interface Lifecycle<Inputs, Outputs> {
  check(config: Config, olds: unknown, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult<Inputs>>;
  diff(id: string, olds: Outputs, news: Inputs): Promise<pulumi.dynamic.DiffResult>;
  create(config: Config, inputs: Inputs): Promise<pulumi.dynamic.CreateResult<Outputs>>;
  /** May return `inputs` too: the engine takes them, although the SDK types say Outputs. */
  read(config: Config, id: string, props: Outputs): Promise<unknown>;
  update(config: Config, id: string, olds: Outputs, news: Inputs): Promise<pulumi.dynamic.UpdateResult<Outputs>>;
  remove(config: Config, id: string, props: Outputs): Promise<void>;
}

/** @param modulePath the lifecycle module by package path, e.g. "pulumi-contact-center/dist/provider/cce/user.lifecycle" */
export function lifecycleProvider<Inputs, Outputs>(modulePath: string): pulumi.dynamic.ResourceProvider<Inputs, Outputs> {
  // m: the module path; c: the provider config given by configure().
  const provider = {
    m: modulePath,
    c: undefined as Config,
    async configure(r: pulumi.dynamic.ConfigureRequest) { this.c = r.config; },
    async check(o: unknown, n: Record<string, unknown>) { return require(this.m).check(this.c, o, n); },
    async diff(i: string, o: unknown, n: unknown) { return require(this.m).diff(i, o, n); },
    async create(n: unknown) { return require(this.m).create(this.c, n); },
    async read(i: string, p?: unknown) { return require(this.m).read(this.c, i, p || {}); },
    async update(i: string, o: unknown, n: unknown) { return require(this.m).update(this.c, i, o, n); },
    async delete(i: string, p: unknown) { return require(this.m).remove(this.c, i, p); },
  };
  return provider as unknown as pulumi.dynamic.ResourceProvider<Inputs, Outputs>;
}
