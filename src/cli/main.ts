#!/usr/bin/env node
import { isCatalogueError } from '../catalogue/catalogue-error.js';
import { EXIT_USAGE, isUsageError, type CliIo } from './cli-io.js';
import { hasFlag, parseMatchArgs } from './parse-args.js';
import { langFromEnv } from './resolve-lang.js';

const USAGE = `k8sfix: turns a pasted Kubernetes error into the known issue and its fix

usage:
  k8sfix [options] "<error text>"      match the text against the known-issue catalogue
  k8sfix [options] FILE...             ... or read log files, whole, whatever their size (- is standard input)
  k8sfix [options] < pod.log           ... or read standard input
  k8sfix clusters [--context NAME]...  show the connected clusters' facts
  k8sfix catalogue lint                check every catalogue entry
  k8sfix catalogue list [--json]       list the known issues
  k8sfix feedback report [--json]      answers people marked right or wrong, per entry (reads REDIS_URL)
  k8sfix fix list|plan|run ...         fix actions: list them, preview one, run one (k8sfix fix --help)
  k8sfix audit show|verify ...         the fix-action audit trail

options (--top 2 or --top=2):
  --json               print the matches (with remediation) as JSON
  --lang en|ko         language of titles and steps (default: Korean for Korean input, else K8SFIX_LANG, else en)
  --top N              at most N matches (default 3)
  --context NAME       also say whether each match applies to this kubeconfig context (repeatable)
  --all-contexts       ... to every context in KUBECONFIG (or the K8SFIX_CONTEXTS allowlist)
  --platform NAME      the platform your clusters run: gke, anthos-bare-metal, nks, eks, kubeadm... (repeatable;
                       default: K8SFIX_PLATFORMS)
  --catalogue DIR      use another catalogue directory (default: K8SFIX_CATALOGUE_DIR, else the package's)
  -h, --help           this help;  --version  the version

Arguments that all name existing files (or -) are read as files; otherwise they are the error text
(everything after -- is always text).

--platform (or K8SFIX_PLATFORMS=gke,anthos-bare-metal,nks) names the platforms your clusters run, and so do
--context and --all-contexts: an error that any cluster prints is answered as a platform's issue only when
the paste or these place it there.

exit status: 0 a known issue matched, 1 none did, 2 bad usage or error`;

export interface MainEnv {
  env: NodeJS.ProcessEnv;
  stdin: AsyncIterable<Uint8Array>;
  stdinIsTty: boolean;
}

export async function main(argv: string[], io: CliIo, context: MainEnv): Promise<number> {
  try {
    if (hasFlag(argv, '-h', '--help') || argv[0] === 'help') {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (hasFlag(argv, '--version', '-V')) {
      const { packageVersion } = await import('./package-version.js');
      io.stdout(`k8sfix ${packageVersion()}\n`);
      return 0;
    }
    const envLang = langFromEnv(context.env.K8SFIX_LANG);
    const catalogueDir = context.env.K8SFIX_CATALOGUE_DIR || undefined;
    const [first, ...rest] = argv;
    // Each command is loaded only when used: a one-line match must not pay for the Kubernetes client.
    if (first === 'catalogue') {
      const { runCatalogueCommand } = await import('./commands/catalogue.js');
      return await runCatalogueCommand(rest, envLang ?? 'en', catalogueDir, io);
    }
    if (first === 'feedback') {
      const { runFeedbackCommand } = await import('./commands/feedback.js');
      return await runFeedbackCommand(rest, io);
    }
    if (first === 'fix' || first === 'audit') {
      const command = first === 'fix' ? (await import('./commands/fix.js')).runFixCommand : (await import('./commands/audit.js')).runAuditCommand;
      return await command(rest, io);
    }
    if (first === 'clusters') {
      const { runClustersCommand } = await import('./commands/clusters.js');
      return await runClustersCommand(rest, io);
    }
    const args = parseMatchArgs(argv);
    const { runMatchCommand } = await import('./commands/match.js');
    return await runMatchCommand(args, { lang: envLang, catalogueDir, stdin: context.stdin, stdinIsTty: context.stdinIsTty }, io);
  } catch (error) {
    if (isUsageError(error)) {
      io.stderr(`k8sfix: ${error.message}\n\n${USAGE}\n`);
      return EXIT_USAGE;
    }
    if (isCatalogueError(error)) {
      io.stderr(`k8sfix: ${error.message}\nrun "k8sfix catalogue lint" for the full list\n`);
      return EXIT_USAGE;
    }
    io.stderr(`k8sfix: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_USAGE;
  }
}

/** A reader that closed the pipe (`k8sfix < big.log | head`) has what it wanted: end quietly, status 0. */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

quietOnClosedPipe(process.stdout);
quietOnClosedPipe(process.stderr);
const io: CliIo = { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) };
main(process.argv.slice(2), io, { env: process.env, stdin: process.stdin, stdinIsTty: process.stdin.isTTY === true }).then((code) => {
  process.exitCode = code;
});
