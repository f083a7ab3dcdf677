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
const ESCAPES = /(?:%[0-9A-Fa-f]{2})+/g;
/** Invisible characters (zero-width space, soft hyphen, …) that would split a number for the pattern but not for a reader. */
const FORMAT_CHARS = /\p{Cf}/gu;

/**
 * A path as a reader would take it: percent-escapes decoded (again and again, so `%2530` is `0`),
 * full-width and other compatibility digits folded to ASCII, invisible characters dropped. A run of
 * escapes that is not valid UTF-8 keeps its non-ASCII bytes encoded and gives up its ASCII ones.
 */
function asRead(path: string): string {
  let text = path;
  for (let round = 0; round < 4 && text.includes('%'); round++) {
    const next = text.replace(ESCAPES, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run.replace(/%([0-7][0-9A-Fa-f])/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      }
    });
    if (next === text) break;
    text = next;
  }
  return text.normalize('NFKC').replace(FORMAT_CHARS, '');
}

/**
 * URLs are logged without their query string (where personal data would sneak in) and without task
 * tokens. A CPR number hidden by encoding is masked too: the path is then logged as read, masked.
 */
export function safeUrl(url: string | undefined): string {
  if (!url) return '';
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const read = asRead(path);
  const masked = maskCpr(read);
  // A CPR number or a task token that only shows once decoded (`lft%5F…`) is logged as read, masked.
  const hidden = masked !== read || new RegExp(TASK_TOKEN.source).test(read);
  return `${hidden ? masked : maskCpr(path)}${q === -1 ? '' : '?…'}`.replace(TASK_TOKEN, '[task-token]');
}
