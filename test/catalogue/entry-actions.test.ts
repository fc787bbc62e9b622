/**
 * The catalogue's `actions`: each names a registered action, gives every required parameter a source and no
 * unknown one, and its fixed values pass the action's own patterns; the resolver fills parameters from the
 * evidence line's placeholders and the cluster's facts and says what is left to ask.
 */
import { describe, expect, test } from '@jest/globals';
import { findAction } from '../../handlers/registry.js';
import { extractPlaceholderValues } from '../../src/actions/extract-placeholder-values.js';
import { resolveActionParams } from '../../src/actions/resolve-action-params.js';
import { validateEntry } from '../../src/catalogue/validate-entry.js';
import { realCatalogue } from '../support/catalogue.js';

describe('entry actions in the catalogue', () => {
  test('every action an entry names exists, and its parameters match the action schema', async () => {
    const { catalogue } = await realCatalogue();
    const problems: string[] = [];
    let count = 0;
    for (const entry of catalogue.entries) {
      for (const ref of entry.actions) {
        count++;
        const action = findAction(ref.id);
        if (!action) {
          problems.push(`${entry.id}: no action ${ref.id}`);
          continue;
        }
        for (const spec of action.params) if (!spec.optional && !(spec.name in ref.params)) problems.push(`${entry.id}: ${ref.id} lacks ${spec.name}`);
        for (const [name, source] of Object.entries(ref.params)) {
          const spec = action.params.find((p) => p.name === name);
          if (!spec) problems.push(`${entry.id}: ${ref.id} has no parameter ${name}`);
          else if (source.from === 'value' && !spec.pattern.test(source.value)) problems.push(`${entry.id}: ${ref.id}.${name}=${source.value} fails its pattern`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(count).toBeGreaterThanOrEqual(12);
  });

  test('validation names the field: an evidence source without such a placeholder, an unknown fact', () => {
    const doc = {
      id: 'x-entry', title: { en: 'a', ko: 'b' }, summary: { en: 'a', ko: 'b' }, product: 'gke',
      sources: [{ seed: 's', heading: 'h', url: 'https://example.com' }],
      signatures: ['Back-off restarting failed container in pod <pod>'], symptoms: { en: [], ko: [] },
      affects: { products: ['gke'], wording: '', allVersions: true, conditions: [] }, remediation: [{ en: 'a', ko: 'b' }],
      context: { component: ['kubelet'], runtime: 'containerd', scope: 'upstream' },
      actions: [{ id: 'restart-controller-pod', params: { namespace: { from: 'fact', fact: 'the-moon' }, pod: { from: 'evidence', placeholder: 'node' } } }],
      examples: ['a', 'b'],
    };
    const { problems } = validateEntry(doc, 'gke/x-entry.yaml');
    expect(problems).toEqual([
      { field: 'actions[0].params.namespace.fact', message: 'must be one of: affected-pool-nodes, anthos-cluster-name, anthos-cluster-namespace' },
      { field: 'actions[0].params.pod.placeholder', message: "must name a <placeholder> of this entry's signatures (pod)" },
    ]);
  });
});

describe('resolving an action\'s parameters', () => {
  test('placeholders are read from the matched line', () => {
    expect(extractPlaceholderValues('Back-off restarting failed container anetd in pod <pod> on node <node>', 'Warning BackOff kubelet Back-off restarting failed container anetd in pod anetd-x7k2p on node edge-node-1')).toEqual({
      pod: 'anetd-x7k2p',
      node: 'edge-node-1',
    });
    expect(extractPlaceholderValues('failed to pull and unpack image "docker.pkg.github.com/<image>": <any>could not fetch', 'failed to pull and unpack image "docker.pkg.github.com/acme/app/api:1.2": rpc: could not fetch content')).toEqual({ image: 'acme/app/api:1.2' });
    expect(extractPlaceholderValues('in pod <pod> on node <node>', 'nothing like it')).toEqual({});
  });

  test('evidence, facts, fixed values and the person', () => {
    const resolved = resolveActionParams(
      { id: 'restart-controller-pod', params: { namespace: { from: 'value', value: 'kube-system' }, pod: { from: 'evidence', placeholder: 'pod' } } },
      [{ kind: 'signature', line: 'Back-off restarting failed container in pod anetd-x7k2p', lineNumber: 3, matched: 'Back-off restarting failed container in pod <pod>' }],
      {},
    );
    expect(resolved).toEqual({ params: { namespace: 'kube-system', pod: 'anetd-x7k2p' }, ask: [], missing: [] });
    const node = resolveActionParams(
      { id: 'run-node-command', params: { node: { from: 'fact', fact: 'affected-pool-nodes' }, command: { from: 'value', value: 'udp-tunnel-offload-off' }, interface: { from: 'person' } } },
      [],
      { 'affected-pool-nodes': ['edge-node-1', 'edge-node-2'] },
    );
    expect(node).toEqual({ params: { command: 'udp-tunnel-offload-off' }, ask: [{ name: 'node', choices: ['edge-node-1', 'edge-node-2'] }, { name: 'interface' }], missing: [] });
    expect(resolveActionParams({ id: 'allow-docker-runtime-annotation', params: { name: { from: 'fact', fact: 'anthos-cluster-name' } } }, [], {}).missing).toEqual([
      { name: 'name', why: "the cluster's facts do not include anthos-cluster-name" },
    ]);
  });
});
