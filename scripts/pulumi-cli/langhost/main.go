// Command pulumi-language-nodejs is a minimal Pulumi language host for Node.js
// programs, written for this project because the upstream host's Go module is
// not available from the Go module proxy.
//
// How a language host works: the Pulumi CLI starts it as a plugin,
//
//	pulumi-language-nodejs [--logtostderr] [-v=N] [--tracing URL] <engine-address>
//
// reads the gRPC port it prints on stdout, and calls the LanguageRuntime
// service on that port. The call that matters is Run: we start
// `node <@pulumi/pulumi/cmd/run> --monitor ... <entry point>` in the program
// directory, and that script (part of the @pulumi/pulumi npm package) runs
// the user's program and registers its resources with the engine's resource
// monitor directly.
//
// Deliberately left out compared with upstream: package discovery
// (GetRequiredPackages answers an empty list; the dynamic providers we use are
// loaded on demand), dependency installation (InstallDependencies does
// nothing), code generation, debugger attachment, bun, and running plugins
// written in Node.js. Unimplemented RPCs answer codes.Unimplemented, which the
// CLI tolerates for the optional ones.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// version is what GetPluginInfo and -version report; build.sh sets it with
// -ldflags "-X main.version=..." to the CLI's version.
var version = "3.259.0"

const (
	// The script in @pulumi/pulumi that runs a program; overridable (as
	// upstream) with PULUMI_LANGUAGE_NODEJS_RUN_PATH.
	defaultRunPath = "@pulumi/pulumi/cmd/run"
	// The run script exits with this code after it has already shown the
	// user an actionable error; the engine should then just stop quietly.
	bailExitCode = 32
	// How often to check that the engine is still alive (upstream: 5 minutes).
	engineHealthInterval = 5 * time.Second
	// How often to check that the CLI that started us is still our parent.
	parentCheckInterval = time.Second
)

// inspectWorkaround is a node flag that preloads a few lines of JavaScript
// working around a Node.js bug (nodejs/node#64011, fixed by nodejs/node#64022;
// present in the Node v20.20.2 we run on): util.inspect(err, {colors: true})
// loops until it runs out of string length when a stack frame reads
// ".../node_modules/@scope/file.ts:1:2", exactly what source-map-support makes
// of frames in @pulumi/pulumi's top-level files. The run script prints every
// uncaught error that way, so a program that throws took about a minute of
// CPU to report it. The preload turns colors off when inspecting errors,
// which only loses some highlighting of stack traces.
var inspectWorkaround = "--import=data:text/javascript," + url.PathEscape(`
import util from "node:util";
const inspect = util.inspect;
const patched = function inspect_(value, opts, ...rest) {
  if (value instanceof Error && opts !== null && typeof opts === "object" && opts.colors) {
    opts = { ...opts, colors: false };
  }
  return inspect.call(this, value, opts, ...rest);
};
Object.defineProperties(patched, Object.getOwnPropertyDescriptors(inspect)); // custom, defaultOptions, ...
util.inspect = patched;
`)

func main() {
	// Flags the CLI may pass. -v and -logtostderr are normally registered by
	// glog, which the SDK's logging package (imported via rpcutil) pulls in;
	// define them ourselves only if that ever stops being true.
	tracing := flag.String("tracing", "", "tracing endpoint, forwarded to the node process")
	runtimeName := flag.String("runtime", "nodejs", "JavaScript runtime; only nodejs is supported")
	flag.String("root", "", "accepted for compatibility; ignored")
	showVersion := flag.Bool("version", false, "print the plugin version and exit")
	if flag.Lookup("v") == nil {
		flag.Int("v", 0, "log verbosity; ignored")
	}
	if flag.Lookup("logtostderr") == nil {
		flag.Bool("logtostderr", false, "ignored")
	}
	flag.Parse()

	if *showVersion {
		fmt.Println(version)
		return
	}
	if *runtimeName != "nodejs" {
		fail(fmt.Errorf("unsupported runtime %q: this host only supports nodejs", *runtimeName))
	}

	// Stop serving on Ctrl-C, or when the engine stops answering health checks.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	stopServing := make(chan bool)
	go func() { <-ctx.Done(); close(stopServing) }()

	h := newHost(*tracing, stop)
	// The CLI starts plugins in process groups of their own, so a kill -9 of its group does
	// not reach us: notice that the parent is gone, stop the program, and exit.
	go watchParent(os.Getppid(), func() {
		fmt.Fprintln(os.Stderr, "pulumi-language-nodejs: the Pulumi CLI is gone; stopping the program")
		h.stopPrograms(5 * time.Second)
		os.Exit(1)
	})
	if args := flag.Args(); len(args) > 0 {
		h.engineAddress = args[0]
		if err := rpcutil.Healthcheck(ctx, h.engineAddress, engineHealthInterval, stop); err != nil {
			fail(fmt.Errorf("could not start engine health check: %w", err))
		}
	}

	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: stopServing,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, h)
			return nil
		},
	})
	if err != nil {
		fail(fmt.Errorf("could not start language host gRPC server: %w", err))
	}
	// The CLI reads the port from our first line of stdout.
	fmt.Printf("%d\n", handle.Port)

	if err := <-handle.Done; err != nil {
		fail(fmt.Errorf("language host gRPC server stopped: %w", err))
	}
}

// watchParent calls lost once the process's parent is no longer parent (an orphan is
// adopted by init or a subreaper, which changes the parent pid).
func watchParent(parent int, lost func()) {
	for range time.Tick(parentCheckInterval) {
		if os.Getppid() != parent {
			lost()
			return
		}
	}
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: %v\n", err)
	os.Exit(1)
}

// host implements pulumirpc.LanguageRuntimeServer.
type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	tracing  string
	shutdown context.CancelFunc // stops the gRPC server (used if the engine dies)

	mu            sync.Mutex
	engineAddress string // from the command line or Handshake
	rootDirectory string // from Handshake, a fallback for Run

	// Cancelled by the Cancel RPC; interrupts any running program.
	cancelCtx context.Context
	cancel    context.CancelFunc
	// The programs being run, so that stopping can wait for them to end.
	running sync.WaitGroup
}

func newHost(tracing string, shutdown context.CancelFunc) *host {
	ctx, cancel := context.WithCancel(context.Background())
	return &host{tracing: tracing, shutdown: shutdown, cancelCtx: ctx, cancel: cancel}
}

// Handshake is sent instead of (or as well as) the positional engine address.
func (h *host) Handshake(ctx context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if addr := req.GetEngineAddress(); addr != "" && addr != h.engineAddress {
		h.engineAddress = addr
		if err := rpcutil.Healthcheck(h.cancelCtx, addr, engineHealthInterval, h.shutdown); err != nil {
			return nil, fmt.Errorf("could not start engine health check: %w", err)
		}
	}
	if req.RootDirectory != nil {
		h.rootDirectory = req.GetRootDirectory()
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

// GetRequiredPlugins and GetRequiredPackages report nothing: the only
// providers our programs use are dynamic ones, which the engine loads on
// demand when the program registers a resource.
func (h *host) GetRequiredPlugins(context.Context, *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

func (h *host) GetRequiredPackages(context.Context, *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

// GetProgramDependencies (shown by `pulumi about`) is left empty.
func (h *host) GetProgramDependencies(context.Context, *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	return &pulumirpc.GetProgramDependenciesResponse{}, nil
}

// InstallDependencies (`pulumi install`, `pulumi new`) does nothing: run
// `npm install` yourself.
func (h *host) InstallDependencies(*pulumirpc.InstallDependenciesRequest,
	grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse],
) error {
	return nil
}

// About reports which node would run programs, and its version.
func (h *host) About(ctx context.Context, _ *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("could not find node on PATH: %w", err)
	}
	out, err := exec.CommandContext(ctx, node, "--version").Output()
	if err != nil {
		return nil, fmt.Errorf("could not run %s --version: %w", node, err)
	}
	return &pulumirpc.AboutResponse{
		Executable: node,
		Version:    strings.TrimSpace(string(out)),
		Metadata:   map[string]string{"packagemanager": "npm"},
	}, nil
}

// stopPrograms interrupts every program being run and waits for them to end, at most
// `limit` (a program still running after WaitDelay has been killed by then).
func (h *host) stopPrograms(limit time.Duration) {
	h.cancel()
	done := make(chan struct{})
	go func() { h.running.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(limit + time.Second):
	}
}

// Cancel interrupts any program being run; the host then only waits to be killed.
func (h *host) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	h.cancel()
	return &emptypb.Empty{}, nil
}

// Run runs the program with node and @pulumi/pulumi's run script. Failures
// of the program itself are reported in RunResponse.Error, not as RPC errors.
func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	h.mu.Lock()
	engineAddress, rootDirectory := h.engineAddress, h.rootDirectory
	h.mu.Unlock()

	// Older CLIs send Pwd/Program rather than Info; fall back to them.
	info := req.GetInfo()
	programDir := firstNonEmpty(info.GetProgramDirectory(), req.GetPwd())
	entryPoint := firstNonEmpty(info.GetEntryPoint(), req.GetProgram(), ".")
	rootDirectory = firstNonEmpty(info.GetRootDirectory(), rootDirectory)
	options := info.GetOptions().AsMap() // Pulumi.yaml `runtime.options`

	node, err := exec.LookPath("node")
	if err != nil {
		return &pulumirpc.RunResponse{Error: "could not find node on PATH: " + err.Error()}, nil
	}
	runPath, err := resolveModule(ctx, node, programDir,
		firstNonEmpty(os.Getenv("PULUMI_LANGUAGE_NODEJS_RUN_PATH"), defaultRunPath))
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	// The run script reads configuration from the environment.
	configJSON, err := programConfig(req.GetConfig())
	if err != nil {
		return &pulumirpc.RunResponse{Error: "failed to serialize configuration: " + err.Error()}, nil
	}
	secretKeysJSON, err := json.Marshal(nonNil(req.GetConfigSecretKeys()))
	if err != nil {
		return &pulumirpc.RunResponse{Error: "failed to serialize secret keys: " + err.Error()}, nil
	}
	env := append(os.Environ(),
		"PULUMI_CONFIG="+configJSON,
		"PULUMI_CONFIG_SECRET_KEYS="+string(secretKeysJSON))
	// Runtime options, as upstream: ts-node is on unless `typescript: false`
	// (the run script only uses it for .ts files); `tsconfig` picks the
	// tsconfig.json; `nodeargs` are extra node flags (split on whitespace
	// here, without shell-style quoting).
	if ts, ok := options["typescript"].(bool); !ok || ts {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if tsconfig, ok := options["tsconfig"].(string); ok && tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+tsconfig)
	}
	args := []string{inspectWorkaround}
	if nodeArgs, ok := options["nodeargs"].(string); ok {
		args = append(args, strings.Fields(nodeArgs)...)
	}

	// The run script's command line. The monitor address is the engine's own
	// one: the run script dials it directly (upstream interposes a forwarding
	// proxy and --sync pipes, which the run script does not need).
	args = append(args, runPath)
	flagArg := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name, value)
		}
	}
	flagArg("monitor", req.GetMonitorAddress())
	flagArg("engine", engineAddress)
	flagArg("organization", req.GetOrganization())
	flagArg("project", req.GetProject())
	flagArg("root-directory", rootDirectory)
	flagArg("stack", req.GetStack())
	flagArg("pwd", programDir)
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	flagArg("parallel", strconv.Itoa(int(req.GetParallel())))
	flagArg("tracing", h.tracing)
	args = append(args, entryPoint)
	args = append(args, req.GetArgs()...)

	// Stop the program (SIGINT, then SIGKILL after 5s) if the engine cancels
	// us or abandons the request.
	runCtx, stopRun := context.WithCancel(h.cancelCtx)
	defer stopRun()
	context.AfterFunc(ctx, stopRun)
	cmd := exec.CommandContext(runCtx, node, args...)
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 5 * time.Second
	cmd.Dir = programDir
	cmd.Env = env
	// Hiding the *os.File type makes exec copy through pipes instead of
	// handing node our own stdout/stderr: node may switch them to
	// non-blocking mode, which would break the CLI's reads of our output.
	cmd.Stdout = struct{ io.Writer }{os.Stdout}
	cmd.Stderr = struct{ io.Writer }{os.Stderr}

	h.running.Add(1)
	err = cmd.Run()
	h.running.Done()
	var exitErr *exec.ExitError
	switch {
	case err == nil:
		return &pulumirpc.RunResponse{}, nil
	case errors.As(err, &exitErr) && exitErr.ExitCode() == bailExitCode:
		// The user has already been shown the error.
		return &pulumirpc.RunResponse{Bail: true}, nil
	case errors.As(err, &exitErr):
		return &pulumirpc.RunResponse{
			Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode()),
		}, nil
	default:
		return &pulumirpc.RunResponse{
			Error: fmt.Sprintf("Problem executing program (could not run node): %v", err),
		}, nil
	}
}

// resolveModule returns the file node would load for `require(mod)` from dir.
func resolveModule(ctx context.Context, node, dir, mod string) (string, error) {
	// The module name is passed as an argument (process.argv[1]), not spliced
	// into the script.
	cmd := exec.CommandContext(ctx, node, "-e", "console.log(require.resolve(process.argv[1]))", mod)
	cmd.Dir = dir
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if strings.Contains(stderr.String(), "MODULE_NOT_FOUND") {
			return "", fmt.Errorf("could not find %s from %s: it looks like the Pulumi SDK has not "+
				"been installed; run `npm install` there", mod, dir)
		}
		return "", fmt.Errorf("could not resolve %s from %s: %v\n%s", mod, dir, err, stderr.String())
	}
	return strings.TrimSpace(string(out)), nil
}

// programConfig renders the PULUMI_CONFIG the run script expects: a JSON
// object keyed "<namespace>:config:<name>". The engine sends the newer
// "<namespace>:<name>" form; upstream converts to the older form, which every
// @pulumi/pulumi version understands, and so do we.
func programConfig(cfg map[string]string) (string, error) {
	out := make(map[string]string, len(cfg))
	for k, v := range cfg {
		key, err := config.ParseKey(k)
		if err != nil {
			return "", err
		}
		out[key.Namespace()+":config:"+key.Name()] = v
	}
	b, err := json.Marshal(out)
	return string(b), err
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// nonNil makes an absent list serialize as [] rather than null.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
