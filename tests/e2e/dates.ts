/** Today plus `days`, as the user's local calendar date YYYY-MM-DD (what the pages hold). */
export function isoInDays(days: number): string {
  const d = new Date();
  const local = new Date(d.getFullYear(), d.getMonth(), d.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
}

/** Today plus `days` as the list pages show dates: Intl medium style in `locale`, local time. */
export function shownInDays(days: number, locale = 'en-US'): string {
  const d = new Date();
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(
    new Date(d.getFullYear(), d.getMonth(), d.getDate() + days),
  );
}
