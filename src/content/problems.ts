import { NeckbotError, type ErrorCode } from '../core/errors';

export type Severity = 'error' | 'warning' | 'info';

/** One thing wrong (or worth knowing) in content, with the file and entry it is about. */
export interface Problem {
  severity: Severity;
  code: ErrorCode;
  file: string;
  entry?: string;
  message: string;
}

/** Collects every problem instead of stopping at the first (Rasa's `data validate`). */
export class Problems {
  readonly list: Problem[] = [];

  add(problem: Problem): void {
    this.list.push(problem);
  }

  error(
    file: string,
    entry: string | undefined,
    message: string,
    code: ErrorCode = 'CONTENT_INCONSISTENT',
  ) {
    this.add({ severity: 'error', code, file, ...(entry ? { entry } : {}), message });
  }

  warning(file: string, entry: string | undefined, message: string) {
    this.add({
      severity: 'warning',
      code: 'CONTENT_INCONSISTENT',
      file,
      ...(entry ? { entry } : {}),
      message,
    });
  }

  info(file: string, entry: string | undefined, message: string) {
    this.add({
      severity: 'info',
      code: 'CONTENT_INCONSISTENT',
      file,
      ...(entry ? { entry } : {}),
      message,
    });
  }

  /**
   * Something required is missing, unless that entry was already reported (it failed its schema
   * and was left out): one problem, not two.
   */
  missing(file: string, entry: string, message: string) {
    if (this.reported(entry)) return;
    this.error(file, entry, message);
  }

  /** An error was already reported about this entry (it failed its schema and was left out). */
  reported(entry: string): boolean {
    return this.list.some((p) => p.severity === 'error' && p.entry === entry);
  }

  get errors(): Problem[] {
    return this.list.filter((p) => p.severity === 'error');
  }

  /**
   * Throws when there is any error: a NeckbotError whose code, file and entry are the first error's
   * and whose message lists every error, one a line.
   */
  throwIfErrors(): void {
    const [first, ...rest] = this.errors;
    if (!first) return;
    const more =
      rest.length === 0
        ? ''
        : `\n${rest.length} more:\n${rest.map((p) => `  ${formatProblem(p)}`).join('\n')}`;
    throw new NeckbotError(first.code, `${first.message}${more}`, {
      file: first.file,
      ...(first.entry ? { entry: first.entry } : {}),
    });
  }
}

/** `error CONTENT_INVALID: content/answers/benefits.yaml, entry "benefit-relaxation": …` */
export function formatProblem(p: Problem): string {
  const place = [p.file, p.entry ? `entry "${p.entry}"` : undefined].filter(Boolean).join(', ');
  return `${p.severity} ${p.code}: ${place}: ${p.message}`;
}
