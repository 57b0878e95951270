// Output file names from templates (FEATURES.md §5): %D %M %Y %y %h %m %s %P %N.
import type { FormatDefinition } from './definition.js';

export interface FileNameVars {
  /** Local wall-clock time of the run, passed in (the domain reads no clock). */
  now: { year: number; month: number; day: number; hour: number; minute: number; second: number };
  profile: string;
  run: number;
}

const two = (value: number): string => String(value).padStart(2, '0');

/** Strips what a file system or share refuses: / \ : * ? " < > |, control characters. */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const cleaned = name.replace(/[/\\:*?"<>|\x00-\x1f\x7f]/g, '');
  // A leading dot would hide the file (and look like our temporary files); Windows shares
  // drop trailing dots and spaces.
  return cleaned.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
}

export function expandFileName(template: string, vars: FileNameVars): string {
  const { now } = vars;
  const expanded = template.replace(/%(.)/gs, (token, letter: string) => {
    switch (letter) {
      case 'D':
        return two(now.day);
      case 'M':
        return two(now.month);
      case 'Y':
        return String(now.year).padStart(4, '0');
      case 'y':
        return two(now.year % 100);
      case 'h':
        return two(now.hour);
      case 'm':
        return two(now.minute);
      case 's':
        return two(now.second);
      case 'P':
        return safeFileName(vars.profile);
      case 'N':
        return String(vars.run);
      case '%':
        return '%';
      default:
        return token; // unknown tokens are kept, so the user sees them in the live example
    }
  });
  return safeFileName(expanded) || 'comptoir';
}

/** The live example under the template field: fixed values, with the format's extension. */
export function exampleFileName(template: string, format: Pick<FormatDefinition, 'extension'>): string {
  const base = expandFileName(template, {
    now: { year: 2025, month: 1, day: 31, hour: 14, minute: 5, second: 9 },
    profile: 'Boutique',
    run: 42,
  });
  return format.extension ? `${base}.${format.extension}` : base;
}
