import { DNS1123_SUBDOMAIN } from '../src/actions/param-patterns.js';
import { executeSchedulable, schedulablePlan, verifySchedulable } from '../src/actions/node-schedulable.js';
import type { Action } from '../src/actions/types.js';

/** Marks a node unschedulable; running pods stay. Undo uncordons it. */
export const cordonNode: Action = {
  id: 'cordon-node',
  title: { en: 'Cordon a node', ko: '노드 차단(cordon)' },
  risk: 'medium',
  params: [{ name: 'node', pattern: DNS1123_SUBDOMAIN, description: { en: 'name of the node', ko: '노드 이름' } }],
  plan: (ctx, params) => schedulablePlan(ctx, 'cordon-node', params.node!, true),
  execute: (ctx, plan) => executeSchedulable(ctx, plan.preview.changes[0]!),
  verify: (ctx, plan) => verifySchedulable(ctx, plan.preview.params.node!, plan.preview.direction !== 'undo'),
  undo: (ctx, executed) => schedulablePlan(ctx, 'cordon-node', executed.preview.params.node!, false, 'undo'),
};
