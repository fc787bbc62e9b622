import type { ClusterSettingName } from '../catalogue/types.js';
import type { ClusterFacts } from '../clusters/types.js';
import { describeCheck } from './describe-check.js';
import type { Judgement } from './types.js';

export const SETTING_NAMES: Record<ClusterSettingName, { on: string; off: string }> = {
  vmRuntimeEnabled: { on: 'VM Runtime is enabled', off: 'VM Runtime is not enabled' },
  islandMode: { on: 'pods use island-mode IPv4 networking', off: 'pods use flat-mode IPv4 networking (clusterNetwork.flatIPv4)' },
  registryMirrors: { on: 'a registry mirror is configured', off: 'no registry mirror is configured' },
  multipleNetworkInterfaces: { on: 'multi-NIC for pods is on', off: 'multi-NIC for pods is off' },
  proxy: { on: 'a proxy is configured', off: 'no proxy is configured' },
};

/**
 * A cluster setting condition: true when the setting is on, false when it was read and is off. When it was not
 * read the condition is listed with `check` and counts as holding, like a condition the API cannot show.
 */
export function readClusterSetting(
  setting: ClusterSettingName,
  scope: 'cluster' | 'admin-cluster',
  check: string,
  facts: ClusterFacts,
): Judgement {
  const admin = scope === 'admin-cluster';
  const settings = admin ? facts.adminClusterSettings : facts.settings;
  const value = settings?.[setting];
  const whose = admin ? 'the admin cluster' : 'the cluster';
  const name = SETTING_NAMES[setting];
  if (value === undefined) {
    const hint = admin && !facts.adminClusterSettings ? ' (link the admin context in K8SFIX_ADMIN_CLUSTERS to read it)' : '';
    return { truth: 'true', reason: `${whose}: whether ${name.on} was not read${hint}`, check: describeCheck(`on ${whose}, whether ${name.on}`, check) };
  }
  const on = Array.isArray(value) ? value.length > 0 : value;
  const detail = Array.isArray(value) && value.length > 0 ? ` (${value.join(', ')})` : '';
  return on
    ? { truth: 'true', reason: `${whose}: ${name.on}${detail}` }
    : { truth: 'false', reason: `${whose}: ${name.off}` };
}
