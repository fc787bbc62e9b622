import type { webApi } from '@slack/bolt';
import { findAlertLabels, labelsLine, type AlertLabels } from '../../alert-labels.js';
import { extractMessageText } from '../../extract-message-text.js';
import { readTextFiles, type FileInfoLookup, type SlackFile } from '../../read-files.js';
import type { Services } from '../../services.js';
import { plainTextOf, type IncomingMessage } from '../../slack-message.js';

export interface MessageInput {
  /** What the author wrote themselves (decides a Korean answer). */
  typed: string;
  /** Everything to match: the message's text, attachments and blocks, where the alert fired, its text files. */
  text: string;
  /** Why files were skipped, for the answer. */
  notes: string[];
  /** pod, namespace, node, cluster as an alert names them. */
  labels: AlertLabels;
  /** The cluster to check when the alert names a connected one; every connected cluster otherwise. */
  clusterNames?: string[];
}

/** The text to match for a message: its text wherever it is kept, the alert's labels, and its text files. */
export async function readMessageInput(
  services: Services,
  event: Omit<IncomingMessage, 'channel'>,
  botUserId: string | undefined,
  client: webApi.WebClient,
): Promise<MessageInput> {
  const typed = plainTextOf(event, botUserId);
  const messageText = extractMessageText(event, typed);
  const labels = findAlertLabels(messageText);
  const where = labelsLine(labels);
  const input: MessageInput = { typed, text: [messageText, where].filter(Boolean).join('\n'), notes: [], labels };
  const clusterNames = namedCluster(services, labels);
  if (clusterNames) input.clusterNames = clusterNames;
  if (!event.files || event.files.length === 0) return input;
  const { texts, notes } = await readTextFiles(event.files, {
    botToken: services.config.botToken,
    maxBytes: services.config.maxFileBytes,
    trustedHosts: services.trustedFileHosts,
    fetch: services.fetch,
    fileInfo: fileInfoFrom(client),
  });
  return { ...input, text: [input.text, ...texts].filter(Boolean).join('\n'), notes };
}

/** An alert's `cluster` label narrows the check to that cluster only when it is one k8sfix is connected to. */
function namedCluster(services: Services, labels: AlertLabels): string[] | undefined {
  if (!labels.cluster || !services.clusters) return undefined;
  let connected: string[];
  try {
    connected = services.clusters.listContexts();
  } catch {
    return undefined;
  }
  return connected.includes(labels.cluster) ? [labels.cluster] : undefined;
}

function fileInfoFrom(client: webApi.WebClient): FileInfoLookup {
  return async (id) => {
    const info = await client.files.info({ file: id });
    return info.file ? { ok: true, file: info.file as SlackFile } : { ok: false, error: info.error ?? 'no file in the answer' };
  };
}
