/**
 * How every resource reaches its code: a dynamic resource whose serialized provider is one
 * line of `require`, and the thin provider object that line builds inside the provider process.
 *
 * Pulumi keeps a dynamic resource's provider, as source text, under `__provider` in the state,
 * twice per resource (inputs and outputs). `pulumi.dynamic.Resource` fills it with the closure
 * serializer's text of the provider object: every method wrapped, about 2 KB per copy even for
 * a one-line forwarder. `LifecycleResource` writes the text itself instead (~170 bytes): the
 * Node.js dynamic-provider host evaluates it with `require-from-string` and calls
 * `exports.handler()`, which is all the serializer's output ever does. The type token and the
 * `__provider` key are the ones `pulumi.dynamic.Resource` uses, so states written either way
 * are served by the same host and a changed `__provider` alone is never a diff.
 *
 * The `require` resolves from the program's folder, where the package is installed (or linked,
 * in this repository: scripts/link-self.js), exactly like any module a serialized closure uses.
 */
import * as pulumi from "@pulumi/pulumi";
import { watchEngine } from "./engine-watchdog";
import { leavePromiseStacksUnmapped } from "./promise-stacks";

type Config = pulumi.dynamic.Config | undefined;

/** What a resource's `*.lifecycle.ts` module exports. */
export interface Lifecycle<Inputs, Outputs> {
  check(config: Config, olds: unknown, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult<Inputs>>;
  /** `config` lets a diff resolve a name whose form changed (a name for an id the state holds). */
  diff(id: string, olds: Outputs, news: Inputs, config?: Config): Promise<pulumi.dynamic.DiffResult>;
  create(config: Config, inputs: Inputs): Promise<pulumi.dynamic.CreateResult<Outputs>>;
  /** May return `inputs` too: the engine takes them, although the SDK types say Outputs. */
  read(config: Config, id: string, props: Outputs): Promise<unknown>;
  update(config: Config, id: string, olds: Outputs, news: Inputs): Promise<pulumi.dynamic.UpdateResult<Outputs>>;
  remove(config: Config, id: string, props: Outputs): Promise<void>;
}

/**
 * The lifecycle modules by their stable names, the names every state stores: each is a named
 * export of package.json (`pulumi-contact-center/lifecycles/<name>`), mapped there to its file
 * under dist/provider/. A file may move; its name here and in the export map may not.
 */
export const LIFECYCLE_MODULES = {
  "cce/user": "cce/user.lifecycle",
  "cce/skill-group": "cce/skill-group.lifecycle",
  "cce/agent-attribute": "cce/agent-attribute.lifecycle",
  "cce/precision-queue": "cce/precision-queue.lifecycle",
  "riskcc/temp-allow": "riskcc/temp-allow.lifecycle",
  "oracle/resource-user": "oracle/resource-user.lifecycle",
  "ucportal/customer-user": "ucportal/customer-user.lifecycle",
  "guard/declaration-guard": "guard/declaration-guard.lifecycle",
} as const;
export type LifecycleName = keyof typeof LIFECYCLE_MODULES;

const PACKAGE = "pulumi-contact-center";
/** What release 0.1.0 stored: paths into dist/, still exported by exactly these names so that its states load. */
const RELEASE_0_1_PROVIDER = `${PACKAGE}/dist/provider/core/lifecycle-provider`;
const release01Module = (name: LifecycleName) => `${PACKAGE}/dist/provider/${LIFECYCLE_MODULES[name]}`;

const sourceOf = (provider: string, lifecycle: string) => `exports.handler=()=>require(${JSON.stringify(provider)}).lifecycleProvider(${JSON.stringify(lifecycle)});`;

/** The provider source stored in the state for a lifecycle module, e.g. "cce/user". */
export function providerSource(lifecycle: LifecycleName): string {
  return sourceOf(`${PACKAGE}/lifecycle-provider`, `${PACKAGE}/lifecycles/${lifecycle}`);
}

/**
 * The lifecycle module a stored provider source serves ("cce/user"): providerSource read back,
 * or the source release 0.1.0 stored; undefined for any other source.
 */
export function lifecycleOfSource(source: unknown): LifecycleName | undefined {
  if (typeof source !== "string") return undefined;
  return (Object.keys(LIFECYCLE_MODULES) as LifecycleName[]).find((name) => source === providerSource(name) || source === sourceOf(RELEASE_0_1_PROVIDER, release01Module(name)));
}

/**
 * Pulumi's `retainOnDelete` keeps an object whatever the resource's own deletion policy says:
 * the engine never calls the delete, and drops the object from the stack. A policy set to
 * anything `retainOnDelete` overrules would be ignored without a word, so the pair is refused
 * when the resource is declared, naming both. `overruled` tells the values it overrules; an
 * unset policy (the default) is never one. A policy given as an output is judged once known.
 */
export function refuseOverruledPolicy(
  resource: string,
  field: string,
  value: pulumi.Input<unknown> | undefined,
  overruled: (value: unknown) => boolean,
  keeps: string,
  opts: pulumi.CustomResourceOptions | undefined,
): void {
  if (opts?.retainOnDelete !== true || value === undefined) return;
  const judge = (known: unknown) => {
    if (known === undefined || !overruled(known)) return;
    throw new Error(
      `${resource}: ${field} ${JSON.stringify(known)} and the resource option retainOnDelete: true contradict each other. With retainOnDelete ` +
        `Pulumi never deletes: removing the resource drops it from the stack and ${keeps}, so ${field} ${JSON.stringify(known)} would never apply. ` +
        `Remove retainOnDelete, or remove ${field} (or set the value that keeps the object).`,
    );
  };
  if (pulumi.Output.isInstance(value) || value instanceof Promise) pulumi.output(value).apply(judge);
  else judge(value);
}

/**
 * Whether this program may plan deletes that cannot be undone: stack config
 * `contact-center:allowIrreversibleDeletion`, or CONTACT_CENTER_ALLOW_IRREVERSIBLE_DELETION=1.
 */
export function irreversibleDeletionAllowed(): boolean {
  return new pulumi.Config("contact-center").getBoolean("allowIrreversibleDeletion") ?? process.env.CONTACT_CENTER_ALLOW_IRREVERSIBLE_DELETION === "1";
}

/**
 * The options of a resource whose deletion cannot be undone (a CCE user under deletionPolicy
 * "delete", a UC-portal customer user): Pulumi's `protect`, so a plan that would delete it fails
 * in the preview, unless irreversible deletes are allowed, the options set `protect` themselves,
 * or `retainOnDelete` means it is never deleted anyway. `contact-center allow-delete` lifts the
 * protection of named objects, for the run that deletes them.
 */
export function protectIrreversible(irreversible: boolean, opts: pulumi.CustomResourceOptions | undefined): pulumi.CustomResourceOptions | undefined {
  if (!irreversible || opts?.protect !== undefined || opts?.retainOnDelete === true || irreversibleDeletionAllowed()) return opts;
  return { ...opts, protect: true };
}

/** A dynamic resource served by the lifecycle module named `lifecycle` (LIFECYCLE_MODULES). */
export class LifecycleResource extends pulumi.CustomResource {
  constructor(
    token: { module: string; type: string; lifecycle: LifecycleName },
    name: string,
    props: pulumi.Inputs,
    opts?: pulumi.CustomResourceOptions,
  ) {
    if ("__provider" in props) throw new Error("a dynamic resource must not define the __provider key");
    leavePromiseStacksUnmapped(); // the SDK's per-promise stacks cost more than the resource itself
    super(`pulumi-nodejs:dynamic/${token.module}:${token.type}`, name, { ...props, __provider: providerSource(token.lifecycle) }, opts);
  }

  /**
   * The resource id as a number, for objects whose id is a numeric vendor id. In a preview the
   * engine knows the id of every object it keeps or updates (only a create or a replace gives a
   * new one), but not the outputs of an object it updates: an id output built here stays known
   * in the plan of an update, so whatever refers to it shows no change, and is unknown exactly
   * when the object is created or replaced, when a reference to it really does change.
   */
  protected numericId(): pulumi.Output<number> {
    return this.id.apply(Number);
  }
}

/**
 * The provider object the host calls, built in the provider process from a lifecycle module's
 * package path. It holds the provider config that `configure()` receives and forwards the rest.
 */
export function lifecycleProvider<Inputs, Outputs>(modulePath: string): pulumi.dynamic.ResourceProvider<Inputs, Outputs> {
  // In the dynamic-provider host: stop making calls as soon as the engine is gone.
  if (/dynamic-provider/.test(process.argv[1] ?? "")) watchEngine();
  const lifecycle = (): Lifecycle<Inputs, Outputs> => require(modulePath);
  let config: Config;
  const provider: pulumi.dynamic.ResourceProvider<Inputs, Outputs> = {
    async configure(request) { config = request.config; },
    async check(olds, news) { return lifecycle().check(config, olds, news as Record<string, unknown>); },
    async diff(id, olds, news) { return lifecycle().diff(id, olds, news, config); },
    async create(inputs) { return lifecycle().create(config, inputs); },
    async read(id, props) { return lifecycle().read(config, id, (props ?? {}) as Outputs) as never; },
    async update(id, olds, news) { return lifecycle().update(config, id, olds, news); },
    async delete(id, props) { return lifecycle().remove(config, id, props); },
  };
  return provider;
}
