// Reading how long a server asks us to wait, strictly as RFC 9110 §10.2.3 defines `Retry-After`:
//
//   Retry-After   = HTTP-date / delay-seconds
//   delay-seconds = 1*DIGIT
//
// and HTTP-date (§5.6.7) as IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) or one of the two
// obsolete forms a recipient must still accept: RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`) and
// asctime (`Sun Nov  6 08:49:37 1994`). Anything else (`-5`, `2, 3`, `1.5`, `soon`, a date in
// another format) is ignored: the caller falls back to its own backoff. `Date.parse` is not used,
// since it reads `-5` or `2, 3` as dates in 2001. Fractional seconds are not in the grammar, so
// `1.5` is ignored too; a server wanting sub-second precision can send `retry-after-ms`.

const DAY_NAMES = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
const LONG_DAY_NAMES = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;
const MONTH = `(${MONTHS.join("|")})`;
const TIME = "(\\d{2}):(\\d{2}):(\\d{2})";

const IMF_FIXDATE = new RegExp(`^${DAY_NAMES}, (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
const RFC850_DATE = new RegExp(`^${LONG_DAY_NAMES}, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`);
const ASCTIME_DATE = new RegExp(`^${DAY_NAMES} ${MONTH} (\\d{2}| \\d) ${TIME} (\\d{4})$`);

const DELAY_SECONDS = /^\d+$/;
/** `retry-after-ms`: not standard, sent by some APIs and proxies; a non-negative decimal number. */
const DELAY_MILLISECONDS = /^\d+(?:\.\d+)?$/;

/** Milliseconds since the epoch for a calendar date and time in UTC, or undefined when it does not exist (31 Feb, 25:00). */
function utcMs(year: number, monthIndex: number, day: number, hour: number, minute: number, second: number): number | undefined {
  if (hour > 23 || minute > 59 || second > 60) return undefined; // 60: a leap second
  const ms = Date.UTC(year, monthIndex, day, hour, minute, Math.min(second, 59));
  const date = new Date(ms);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== monthIndex || date.getUTCDate() !== day) return undefined;
  return second === 60 ? ms + 1000 : ms;
}

/**
 * An RFC 850 date has a two-digit year. RFC 9110 §5.6.7: one that appears to be more than 50
 * years in the future is the most recent past year with the same last two digits.
 */
function fullYearOf(twoDigitYear: number, nowMs: number): number {
  const currentYear = new Date(nowMs).getUTCFullYear();
  let year = currentYear - (currentYear % 100) + twoDigitYear;
  if (year > currentYear + 50) year -= 100;
  return year;
}

function monthIndexOf(name: string): number {
  return MONTHS.indexOf(name as (typeof MONTHS)[number]);
}

/** An HTTP-date in any of its three forms, as milliseconds since the epoch; undefined when the text is not one. */
export function parseHttpDate(text: string, nowMs: number): number | undefined {
  let match = IMF_FIXDATE.exec(text);
  if (match) {
    const [, day, month, year, hour, minute, second] = match;
    return utcMs(Number(year), monthIndexOf(month!), Number(day), Number(hour), Number(minute), Number(second));
  }
  match = RFC850_DATE.exec(text);
  if (match) {
    const [, day, month, year, hour, minute, second] = match;
    return utcMs(fullYearOf(Number(year), nowMs), monthIndexOf(month!), Number(day), Number(hour), Number(minute), Number(second));
  }
  match = ASCTIME_DATE.exec(text);
  if (match) {
    const [, month, day, hour, minute, second, year] = match;
    return utcMs(Number(year), monthIndexOf(month!), Number(day!.trim()), Number(hour), Number(minute), Number(second));
  }
  return undefined;
}

/**
 * The wait a `Retry-After` value asks for, in milliseconds: delay-seconds or an HTTP-date (a
 * date in the past means no wait). Undefined when the header is absent or not one of those.
 */
export function retryAfterMs(header: string | null, nowMs: number): number | undefined {
  if (header === null) return undefined;
  const value = header.trim(); // optional whitespace around a field value is not part of it
  if (DELAY_SECONDS.test(value)) return Number(value) * 1000;
  const dateMs = parseHttpDate(value, nowMs);
  return dateMs === undefined ? undefined : Math.max(0, dateMs - nowMs);
}

/** The wait a `retry-after-ms` value asks for, in milliseconds; undefined when absent or not a non-negative number. */
export function readRetryAfterMsHeader(header: string | null): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  return DELAY_MILLISECONDS.test(value) ? Number(value) : undefined;
}

/**
 * How long the server asks us to wait before the next attempt, in milliseconds: a readable
 * `retry-after-ms` wins (it is the more precise), else a readable `Retry-After`, else undefined.
 */
export function requestedRetryDelayMs(headers: Headers, nowMs: number): number | undefined {
  return readRetryAfterMsHeader(headers.get("retry-after-ms")) ?? retryAfterMs(headers.get("retry-after"), nowMs);
}
