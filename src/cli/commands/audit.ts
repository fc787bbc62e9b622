import { existsSync, readFileSync } from 'node:fs';
import type { AuditRecord } from '../../approvals/audit-record.js';
import { verifyAuditChain } from '../../approvals/verify-audit-chain.js';
import { verifyMergedAuditTrail } from '../../approvals/verify-merged-audit-trail.js';
import { AUDIT_LOG } from '../../approvals/audit-trail.js';
import { createStore } from '../../store/create-store.js';
import type { CliIo } from '../cli-io.js';

const USAGE = `usage:
  k8sfix audit show [--request ID] [--file FILE] [--json]   the fix-action audit trail (FILE, else K8SFIX_AUDIT_FILE, else Redis at REDIS_URL)
  k8sfix audit verify FILE                                  check the hash chain; names the first record changed, removed or reordered
  k8sfix audit verify [--any-order] FILE FILE...            the replicas' files (or a log export) together, in any order`;

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
    const anyOrder = rest.includes('--any-order');
    const files = rest.filter((arg) => arg !== '--any-order');
    const unknown = files.find((arg) => arg.startsWith('--'));
    if (files.length === 0 || unknown) {
      io.stderr(`k8sfix: ${unknown ? `unknown argument "${unknown}"` : 'audit verify takes a FILE'}\n${USAGE}\n`);
      return 2;
    }
    const missing = files.find((file) => !existsSync(file));
    if (missing) {
      io.stderr(`k8sfix: no audit file at ${missing}: pass the K8SFIX_AUDIT_FILE of the replica to check\n`);
      return 1;
    }
    if (files.length === 1 && !anyOrder) {
      const [file] = files as [string];
      const verdict = verifyAuditChain(readLines(file));
      if (verdict.ok) {
        io.stdout(`${file}: ${verdict.records} records, the chain is intact\n`);
        return 0;
      }
      const hint = verdict.problem === 'reordered' ? ' (a log collector\'s export? k8sfix audit verify --any-order FILE checks the chain in any order)' : '';
      io.stdout(`${file}: the chain is broken (${verdict.problem}): ${verdict.message}${hint}\n`);
      return 1;
    }
    const verdict = verifyMergedAuditTrail(files.map((file) => ({ name: file, lines: readLines(file) })));
    const names = files.join(', ');
    if (!verdict.ok) {
      io.stdout(`${names}: the chain is broken (${verdict.problem}): ${verdict.message}\n`);
      return 1;
    }
    if (verdict.records === 0) {
      io.stdout(`${names}: no audit records${verdict.otherLines > 0 ? ` (${verdict.otherLines} other log lines)` : ''}\n`);
      return 0;
    }
    const chains = verdict.chains === 1 ? 'one chain' : `${verdict.chains} chains (the shared trail was lost and restarted ${verdict.chains - 1} time${verdict.chains === 2 ? '' : 's'})`;
    const others = verdict.otherLines > 0 ? `; ${verdict.otherLines} other log lines skipped` : '';
    io.stdout(`${names}: ${verdict.records} records in ${chains}, intact${others}\n`);
    return 0;
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
