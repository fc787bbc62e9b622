import { describe, expect, test } from '@jest/globals';
import { ACTIONS_BY_ID } from '../../handlers/registry.js';
import type { ActionRequest } from '../../src/approvals/types.js';
import { renderApproval, renderRefusal } from '../../src/slack/blocks/render-approval.js';
import { blockKitViolations } from './block-kit-limits.js';
import { blocksText } from './harness.js';

const HOSTILE = 'x<!channel>```*bold*&amp;';

/** An approval request whose preview is far over Block Kit's limits and full of text that could become markup. */
function hugeRequest(): ActionRequest {
  const targets = Array.from({ length: 400 }, (_, i) => ({ apiVersion: 'v1', kind: 'Pod', namespace: 'kube-system', name: `${HOSTILE}-${i}`, uid: `uid-${i}`, resourceVersion: '1' }));
  return {
    id: 'req_0123456789abcdef0123456789abcdef',
    state: 'pending',
    action: 'restart-controller-pod',
    context: `abm ${HOSTILE}`,
    params: { namespace: 'kube-system', pod: 'anetd-x7k2p' },
    requester: 'U0REQUESTER',
    risk: 'medium',
    requiredApprovals: 1,
    approvals: [],
    createdAt: 0,
    expiresAt: 15 * 60_000,
    plan: {
      hash: 'f'.repeat(64),
      preview: {
        action: 'restart-controller-pod',
        context: 'abm-edge',
        params: {},
        summary: { en: `Deletes ${HOSTILE}`, ko: HOSTILE },
        targets,
        changes: targets.map((target) => ({ kind: 'delete' as const, target, dryRun: {} })),
        blastRadius: { nodes: [HOSTILE], podsEvicted: targets.map((t) => t.name) },
        disruptive: true,
      },
    },
  };
}

describe('the approval request message', () => {
  test('a preview far over the limits is cut to fit, its code block closed, nothing pasted becomes markup', () => {
    const message = renderApproval(hugeRequest(), ACTIONS_BY_ID.get('restart-controller-pod'), { approvers: { userIds: ['U0APPROVER1', '<!here>'], groupIds: ['S0ONCALL'] } });
    expect(blockKitViolations(message)).toEqual([]);
    const text = blocksText(message.blocks);
    expect(text).not.toMatch(/<!channel>|<!here>/);
    expect(text).toContain('_(truncated)_');
    for (const block of message.blocks) {
      const t = (block as { text?: { text: string } }).text?.text ?? '';
      expect((t.match(/```/g) ?? []).length % 2).toBe(0);
    }
  });

  test('a refusal is escaped and says what to do next', () => {
    const message = renderRefusal('no such request <!channel>', 'propose the fix again');
    expect(blocksText(message.blocks)).toBe(':no_entry: no such request &lt;!channel&gt;\n*Next:* propose the fix again');
  });
});
