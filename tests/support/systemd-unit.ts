import { readFileSync } from 'node:fs';

/** The settings of a systemd unit file by section, each key with every value it was given, in order. */
export class SystemdUnit {
  private readonly sections = new Map<string, Map<string, string[]>>();

  constructor(text: string) {
    let section = '';
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
      const header = /^\[(.+)\]$/.exec(line);
      if (header) {
        section = header[1]!;
        continue;
      }
      const at = line.indexOf('=');
      if (at <= 0) throw new Error(`not a unit file line: ${raw}`);
      const keys = this.sections.get(section) ?? new Map<string, string[]>();
      const key = line.slice(0, at).trim();
      keys.set(key, [...(keys.get(key) ?? []), line.slice(at + 1).trim()]);
      this.sections.set(section, keys);
    }
  }

  static read(path: string): SystemdUnit {
    return new SystemdUnit(readFileSync(path, 'utf8'));
  }

  /** The last value of a key (systemd's rule for single-valued settings). */
  get(section: string, key: string): string | undefined {
    return this.sections.get(section)?.get(key)?.at(-1);
  }

  all(section: string, key: string): string[] {
    return this.sections.get(section)?.get(key) ?? [];
  }

  /** `Environment=` assignments of [Service], as variables. */
  environment(): Record<string, string> {
    return Object.fromEntries(
      this.all('Service', 'Environment').flatMap((assignments) =>
        assignments.split(/\s+/).map((assignment) => {
          const at = assignment.indexOf('=');
          return [assignment.slice(0, at), assignment.slice(at + 1)] as const;
        }),
      ),
    );
  }

  /** systemd's time spans as this project writes them: seconds, with or without `s`. */
  seconds(section: string, key: string): number {
    const value = this.get(section, key) ?? '';
    const match = /^(\d+)s?$/.exec(value);
    if (!match) throw new Error(`${key}=${value} is not a number of seconds`);
    return Number(match[1]);
  }
}
