import { existsSync, readFileSync } from 'node:fs';
import type { AuditRecord } from '../../approvals/audit-record.js';
import { verifyAuditChain } from '../../approvals/verify-audit-chain.js';
import { AUDIT_LOG } from '../../approvals/audit-trail.js';
import { createStore } from '../../store/create-store.js';
import type { CliIo } from '../cli-io.js';

const USAGE = `usage:
  k8sfix audit show [--request ID] [--file FILE] [--json]   the fix-action audit trail (FILE, else K8SFIX_AUDIT_FILE, else Redis at REDIS_URL)
  k8sfix audit verify FILE                                  check the hash chain; names the first record changed, removed or reordered`;

function readLines(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '');
}

function formatRecord(record: AuditRecord): string {
  const detail = record.detail ? ` ${JSON.stringify(record.detail)}` : '';
  return `${String(record.seq).padStart(5)}  ${record.at}  ${record.requestId}  ${record.event.padEnd(13)} ${record.actor}${record.state ? ` → ${record.state}` : ''}${detail}`;
}

/** `k8sfix audit show|verify`: exit 0 done (chain intact), 1 the chain is broken or the trail cannot be read, 2 bad usage. */
export async function runAuditCommand(args: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'verify') {
    const [file, ...extra] = rest;
    if (!file || extra.length > 0) {
      io.stderr(`k8sfix: audit verify takes one FILE\n${USAGE}\n`);
      return 2;
    }
    if (!existsSync(file)) {
      io.stderr(`k8sfix: no audit file at ${file}: pass the K8SFIX_AUDIT_FILE of the replica to check\n`);
      return 1;
    }
    const verdict = verifyAuditChain(readLines(file));
    if (verdict.ok) {
      io.stdout(`${file}: ${verdict.records} records, the chain is intact\n`);
      return 0;
    }
    io.stdout(`${file}: the chain is broken (${verdict.problem}): ${verdict.message}\n`);
    return 1;
  }
  if (sub === 'show') {
    let request: string | undefined;
    let file = env.K8SFIX_AUDIT_FILE && env.K8SFIX_AUDIT_FILE !== '-' ? env.K8SFIX_AUDIT_FILE : undefined;
    let json = false;
    for (let i = 0; i < rest.length; i++) {
      const arg = rest[i]!;
      if (arg === '--request' && rest[i + 1]) request = rest[++i];
      else if (arg === '--file' && rest[i + 1]) file = rest[++i];
      else if (arg === '--json') json = true;
      else {
        io.stderr(`k8sfix: unknown argument "${arg}"\n${USAGE}\n`);
        return 2;
      }
    }
    let lines: string[];
    if (file) {
      if (!existsSync(file)) {
        io.stderr(`k8sfix: no audit file at ${file}\n`);
        return 1;
      }
      lines = readLines(file);
    } else if (env.REDIS_URL) {
      const store = createStore(env);
      try {
        lines = await store.readLog(AUDIT_LOG);
      } catch (error) {
        io.stderr(`k8sfix: cannot read the audit trail from Redis: ${error instanceof Error ? error.message : String(error)}\n`);
        return 1;
      } finally {
        await store.close();
      }
    } else {
      io.stderr(`k8sfix: no audit trail to show: pass --file FILE, or set K8SFIX_AUDIT_FILE or REDIS_URL\n`);
      return 2;
    }
    const records = lines.map((line) => JSON.parse(line) as AuditRecord).filter((r) => !request || r.requestId === request);
    io.stdout(json ? `${JSON.stringify(records, null, 2)}\n` : records.map(formatRecord).join('\n') + (records.length ? '\n' : 'no records\n'));
    return 0;
  }
  if (sub === '-h' || sub === '--help') {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  io.stderr(`k8sfix: audit needs show or verify\n${USAGE}\n`);
  return 2;
}
