/**
 * @module Copies text to the clipboard from a click. The Clipboard API needs a secure context (https, localhost);
 * a dashboard opened over plain http on a LAN address has none, so the old selection + `copy` command is the fallback.
 */

export type ClipboardEnv = {
  clipboard?: { writeText(text: string): Promise<void> } | undefined;
  document?: Document | undefined;
};

const browserEnv = (): ClipboardEnv => ({
  clipboard: typeof navigator === 'undefined' ? undefined : navigator.clipboard,
  document: typeof document === 'undefined' ? undefined : document,
});

/** True when the text is on the clipboard. */
export async function copyText(text: string, env: ClipboardEnv = browserEnv()): Promise<boolean> {
  if (env.clipboard) {
    try {
      await env.clipboard.writeText(text);
      return true;
    } catch {
      // Refused (permissions, focus): try the fallback.
    }
  }
  const doc = env.document;
  if (!doc) return false;
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  doc.body.append(area);
  area.select();
  try {
    return doc.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}
