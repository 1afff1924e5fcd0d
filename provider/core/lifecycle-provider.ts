/**
 * The dynamic provider every resource uses: a thin forwarder to the resource's lifecycle
 * module, loaded by package path inside the provider process.
 *
 * Pulumi serializes the provider object into the state on every update. Holding only a module
 * path, and reaching the code through `require` at call time (the serializer does not follow
 * it), keeps that serialized provider a few hundred bytes instead of a copy of this package.
 * So this class must not refer to anything else at module level.
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

export class LifecycleProvider<Inputs, Outputs> implements pulumi.dynamic.ResourceProvider<Inputs, Outputs> {
  private config?: pulumi.dynamic.Config;

  /** @param modulePath the lifecycle module by package path, e.g. "pulumi-contact-center/dist/provider/cce/user.lifecycle" */
  constructor(private readonly modulePath: string) {}

  private lifecycle(): Lifecycle<Inputs, Outputs> {
    return require(this.modulePath);
  }
  async configure(req: pulumi.dynamic.ConfigureRequest) {
    this.config = req.config;
  }
  async check(olds: Inputs, news: Inputs) {
    return this.lifecycle().check(this.config, olds, news as Record<string, unknown>);
  }
  async diff(id: string, olds: Outputs, news: Inputs) {
    return this.lifecycle().diff(id, olds, news);
  }
  async create(inputs: Inputs) {
    return this.lifecycle().create(this.config, inputs);
  }
  async read(id: string, props?: Outputs) {
    return (await this.lifecycle().read(this.config, id, props ?? ({} as Outputs))) as pulumi.dynamic.ReadResult<Outputs>;
  }
  async update(id: string, olds: Outputs, news: Inputs) {
    return this.lifecycle().update(this.config, id, olds, news);
  }
  async delete(id: string, props: Outputs) {
    return this.lifecycle().remove(this.config, id, props);
  }
}
