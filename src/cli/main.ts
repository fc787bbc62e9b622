#!/usr/bin/env node
import { isCatalogueError } from '../catalogue/catalogue-error.js';
import { EXIT_USAGE, isUsageError, type CliIo } from './cli-io.js';
import { parseMatchArgs } from './parse-args.js';
import { runCatalogueCommand } from './commands/catalogue.js';
import { runMatchCommand } from './commands/match.js';

const USAGE = `k8sfix: turns a pasted Kubernetes error into the known issue and its fix

usage:
  k8sfix [options] "<error text>"      match the text against the known-issue catalogue
  k8sfix [options] < pod.log           ... or read it from standard input
  k8sfix clusters [--context NAME]...  show the connected clusters' facts
  k8sfix catalogue lint                check every catalogue entry
  k8sfix catalogue list [--json]       list the known issues
  k8sfix fix list|plan|run ...         fix actions: list them, preview one, run one (k8sfix fix --help)
  k8sfix audit show|verify ...         the fix-action audit trail

options:
  --json               print the matches (with remediation) as JSON
  --lang en|ko         language of titles and steps (default: K8SFIX_LANG or en)
  --top N              at most N matches (default 3)
  --context NAME       also say whether each match applies to this kubeconfig context (repeatable)
  --all-contexts       ... to every context in KUBECONFIG (or the K8SFIX_CONTEXTS allowlist)
  --catalogue DIR      use another catalogue directory

exit status: 0 a known issue matched, 1 none did, 2 bad usage or error`;

/** Reads standard input unless it is a terminal (then there is nothing to read). */
async function readStdin(): Promise<string | undefined> {
  if (process.stdin.isTTY) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    // The matcher reads the first MB; keep a little more so it can say the input was cut.
    if (size > 4 * 1024 * 1024) break;
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const envLang = process.env.K8SFIX_LANG === 'ko' ? 'ko' : 'en';
  try {
    const [first, ...rest] = argv;
    if (first === '-h' || first === '--help' || first === 'help') {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (first === 'catalogue') return await runCatalogueCommand(rest, envLang, io);
    if (first === 'fix' || first === 'audit') {
      const command = first === 'fix' ? (await import('./commands/fix.js')).runFixCommand : (await import('./commands/audit.js')).runAuditCommand;
      return await command(rest, io);
    }
    if (first === 'clusters') {
      const { runClustersCommand } = await import('./commands/clusters.js');
      return await runClustersCommand(rest, io);
    }
    return await runMatchCommand(parseMatchArgs(argv, envLang), readStdin, io);
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

const io: CliIo = { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) };
main(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
});
