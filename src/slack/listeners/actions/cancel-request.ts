import type { Services } from '../../services.js';
import { endRequest } from './end-request.js';

/** Cancel on an approval request: the requester withdraws it (approvals.cancel decides). */
export function cancelRequest(services: Services) {
  return endRequest(services, (fix, id, user) => fix.approvals.cancel(id, user));
}
