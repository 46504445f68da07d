import Holidays from 'date-holidays';

const holidays = new Holidays();

/**
 * True for a country, or a country's state, that `date-holidays` knows: the codes an agency's working
 * days can be read from. `ZZ` or `MY-99` would pass a shape check and silently get no holidays.
 */
export function isKnownRegion(code: string): boolean {
  const [country, state, ...rest] = code.toUpperCase().split('-');
  if (!country || rest.length > 0) return false;
  if (!Object.hasOwn(holidays.getCountries(), country)) return false;
  if (state === undefined) return true;
  return Object.hasOwn(holidays.getStates(country) ?? {}, state);
}
