/**
 * Last line of defence for "no personal data in logs": anything that looks like a CPR number
 * (DDMMYY-SSSS or ten digits starting with a plausible day and month) is masked before a line is written.
 */
const CPR_LIKE = /(?<!\d)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{2}-?\d{4}(?!\d)/g;

export function maskCpr(text: string): string {
  return text.replace(CPR_LIKE, '[cpr]');
}

/** Task tokens of the self-service hooks travel in URL paths (`/api/hooks/tasks/<token>/complete`). */
const TASK_TOKEN = /lft_[A-Za-z0-9_-]+/g;

/** URLs are logged without their query string (where personal data would sneak in) and without task tokens. */
export function safeUrl(url: string | undefined): string {
  if (!url) return '';
  const q = url.indexOf('?');
  return maskCpr(q === -1 ? url : `${url.slice(0, q)}?…`).replace(TASK_TOKEN, '[task-token]');
}
