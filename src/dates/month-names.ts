/** English month names and their usual abbreviations, lower case, for building regular expressions. */
export const MONTH_PATTERN =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';

const PREFIXES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** 1–12 for a name that MONTH_PATTERN matches, such as `sept` or `December`. */
export function monthFromName(name: string): number | undefined {
  const index = PREFIXES.indexOf(name.slice(0, 3).toLowerCase());
  return index === -1 ? undefined : index + 1;
}
