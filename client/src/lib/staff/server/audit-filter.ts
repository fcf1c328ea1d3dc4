export const AUDIT_FIELDS = ['from', 'to', 'action', 'staffId', 'target', 'requestId'] as const;

/** The audit viewer's filter from its address (a GET form): the values to show, and the AuditFilter to send. */
export function auditFilter(params: URLSearchParams) {
  const values: Record<string, string> = {};
  const filter: Record<string, string> = {};
  for (const f of AUDIT_FIELDS) {
    values[f] = (params.get(f) ?? '').slice(0, 200);
    if (values[f].trim()) filter[f] = values[f].trim();
  }
  return { values, filter };
}
