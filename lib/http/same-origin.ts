/**
 * Whether a script's post came from this site's own pages (the Origin's host is the host asked), as
 * Next checks its server actions': the JSON endpoints a session can act through refuse other sites.
 */
export function postedFromThisSite(requestHeaders: Headers): boolean {
  const origin = requestHeaders.get('origin');
  const host = requestHeaders.get('x-forwarded-host') ?? requestHeaders.get('host');
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
