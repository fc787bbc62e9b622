import { DNS1123_SUBDOMAIN } from '../src/actions/param-patterns.js';
import { executeSchedulable, schedulablePlan, verifySchedulable } from '../src/actions/node-schedulable.js';
import type { Action } from '../src/actions/types.js';

/** Lets pods be scheduled on a node again. Undo cordons it. */
export const uncordonNode: Action = {
  id: 'uncordon-node',
  title: { en: 'Uncordon a node', ko: '노드 차단 해제(uncordon)' },
  risk: 'low',
  params: [{ name: 'node', pattern: DNS1123_SUBDOMAIN, description: { en: 'name of the node', ko: '노드 이름' } }],
  plan: (ctx, params) => schedulablePlan(ctx, 'uncordon-node', params.node!, false),
  execute: (ctx, plan) => executeSchedulable(ctx, plan.preview.changes[0]!),
  verify: (ctx, plan) => verifySchedulable(ctx, plan.preview.params.node!, plan.preview.direction === 'undo'),
  undo: (ctx, executed) => schedulablePlan(ctx, 'uncordon-node', executed.preview.params.node!, true, 'undo'),
};
