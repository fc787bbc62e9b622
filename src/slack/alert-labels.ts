/** The Kubernetes labels an alert names: where it fired, as far as the alert says. */
export interface AlertLabels {
  pod?: string;
  namespace?: string;
  node?: string;
  cluster?: string;
}

/** Label names monitoring tools use for each; Robusta writes the cluster as `Source: <cluster>`. */
const NAMES: Record<keyof AlertLabels, readonly string[]> = {
  pod: ['pod', 'pod_name', 'exported_pod'],
  namespace: ['namespace', 'exported_namespace', 'kubernetes_namespace'],
  node: ['node', 'nodename', 'kubernetes_node', 'exported_node', 'instance_node'],
  cluster: ['cluster', 'cluster_name', 'clustername', 'k8s_cluster', 'source'],
};
const BY_NAME = new Map<string, keyof AlertLabels>(Object.entries(NAMES).flatMap(([key, names]) => names.map((n) => [n, key as keyof AlertLabels])));

/**
 * One label per line, as Alertmanager's templates and attachment fields (read as `title: value`) print them:
 * `pod: x`, `*Pod:* \`x\``, ` - pod = x`, `• namespace: x`, Robusta's `Source: \`cluster\``. The value is a
 * Kubernetes name (letters, digits, `.`, `-`, `_`, `:` and `/` for cluster ids); anything else is not a label.
 * No two repetitions next to each other can match the same character, so a line costs one pass, not a
 * backtracking search (`\s*\*?\s*` after the colon took 0.9 ms on a 300-character line of spaces).
 */
const LABEL_LINE = /^[\s\-*•●>]*([A-Za-z_]{3,20})\*?\s*[:=][\s*]*`?([A-Za-z0-9][A-Za-z0-9._:/-]{0,252})`?\*?\s*$/;

/** Lines longer than this are log lines, not labels, and are not looked at. */
const MAX_LABEL_LINE = 300;

/** The first value of each label in the text; `{}` when the text names none. */
export function findAlertLabels(text: string): AlertLabels {
  const found: AlertLabels = {};
  let at = 0;
  while (at < text.length) {
    let end = text.indexOf('\n', at);
    if (end === -1) end = text.length;
    if (end - at <= MAX_LABEL_LINE) {
      const match = LABEL_LINE.exec(text.slice(at, end));
      const key = match ? BY_NAME.get(match[1]!.toLowerCase()) : undefined;
      if (key && found[key] === undefined) found[key] = match![2]!;
    }
    at = end + 1;
  }
  return found;
}

/**
 * A line for the matcher naming where the alert fired, so that a node name such as `gke-prod-default-pool-…`
 * counts as context even when the alert put it in a field the text did not otherwise repeat.
 */
export function labelsLine(labels: AlertLabels): string {
  const parts: string[] = [];
  if (labels.pod) parts.push(`pod ${labels.pod}`);
  if (labels.namespace) parts.push(`namespace ${labels.namespace}`);
  if (labels.node) parts.push(`node ${labels.node}`);
  return parts.join(' ');
}
