import type { Services } from '../../services.js';
import { endRequest } from './end-request.js';

/** Reject on an approval request: anyone but the requester (approvals.reject decides). */
export function rejectRequest(services: Services) {
  return endRequest(services, (fix, id, user) => fix.approvals.reject(id, user));
}
