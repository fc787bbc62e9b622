import type { ClusterReport } from '../cluster-checker.js';
import { codeBlock, escapeInline, inlineCode } from '../escape.js';
import { context, section } from './render-parts.js';
import type { Block, SlackMessage } from './types.js';
import { LIMITS } from './limits.js';

/** `/k8sfix clusters`: the table the cluster module formats, plus each unreachable cluster's reason. */
export function renderClusters(reports: ClusterReport[] | undefined, table: string | undefined): SlackMessage {
  if (!reports || reports.length === 0) {
    return {
      text: 'k8sfix: no clusters connected',
      blocks: [
        section(
          '*No clusters are connected.* Answers still name the known issue and the fix, without saying whether it applies.\n' +
            'To check clusters, give the bot a kubeconfig (`KUBECONFIG`) and list the contexts it may read in `K8SFIX_CONTEXTS`.',
        ),
      ],
    };
  }
  const blocks: Block[] = [section(`*Connected clusters* (${reports.length})`)];
  if (table) blocks.push(section(codeBlock(table)));
  else {
    const ok = reports.filter((r) => r.ok).map((r) => `:large_green_circle: ${inlineCode(r.context)}${r.ok && r.platform ? ` ${escapeInline(r.platform.name)}` : ''}`);
    if (ok.length > 0) blocks.push(section(ok.join('\n')));
  }
  const failed = reports.flatMap((r) => (r.ok ? [] : [`:warning: ${inlineCode(r.context)} ${escapeInline(r.reason)} (${inlineCode(r.code)})`]));
  if (failed.length > 0) blocks.push(section(failed.join('\n')));
  const cached = reports.filter((r) => r.ok && r.cached).length;
  if (cached > 0) blocks.push(context([`_${cached} from cache_`]));
  return { text: `k8sfix: ${reports.length} connected clusters`, blocks: blocks.slice(0, LIMITS.blocksPerMessage) };
}
