// Wrapper module that builds the Pulumi CLI from the Go module proxy.
// pkg/v3 and sdk/v3 are pinned to the same release; the replace directive is
// copied from pkg/v3's own go.mod, because a dependency's replaces are ignored.
module pulumi-contact-center/pulumi-cli

go 1.25.11

require (
	github.com/pulumi/pulumi/pkg/v3 v3.259.0
	github.com/pulumi/pulumi/sdk/v3 v3.259.0
)

replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
