/** @module The fake Sora's webhook client: posts event and auth webhooks to Kansoku the way Sora would. */

export type WebhookTarget = { url: string; secret?: string; useQuery?: boolean };

export type AuthAnswer = { allowed: boolean; reason?: string };

function request(target: WebhookTarget, body: unknown, type: string): Promise<Response> {
  const url =
    target.useQuery && target.secret ? `${target.url}?secret=${encodeURIComponent(target.secret)}` : target.url;
  const headers: Record<string, string> = { 'content-type': 'application/json', 'sora-event-webhook-type': type };
  if (!target.useQuery && target.secret) headers.authorization = `Bearer ${target.secret}`;
  return fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
}

/** A non-2xx answer or a body without `allowed` counts as a denial, as in Sora. */
export async function callAuthWebhook(target: WebhookTarget, body: Record<string, unknown>): Promise<AuthAnswer> {
  try {
    const response = await request(target, body, 'auth');
    if (!response.ok) return { allowed: false, reason: `AUTH-WEBHOOK-HTTP-${response.status}` };
    const answer = (await response.json()) as Partial<AuthAnswer>;
    return typeof answer.allowed === 'boolean'
      ? { allowed: answer.allowed, reason: answer.reason }
      : { allowed: false, reason: 'AUTH-WEBHOOK-BAD-ANSWER' };
  } catch {
    return { allowed: false, reason: 'AUTH-WEBHOOK-UNREACHABLE' };
  }
}

/** Fire and forget, but remembered so tests can wait for every delivery. */
export function postEventWebhook(target: WebhookTarget, body: Record<string, unknown>): Promise<number> {
  return request(target, body, String(body.type)).then(
    (r) => r.status,
    () => 0,
  );
}
