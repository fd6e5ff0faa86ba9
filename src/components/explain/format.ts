import type { Lang } from '../../i18n/index.ts';

/** Numbers as the explain panels print them: a true minus sign, so "−2" reads clearly on a projector. */
export function num(n: number): string {
  return n < 0 ? `−${-n}` : String(n);
}

const msFormats = new Map<Lang, Intl.NumberFormat>();

/** Simulated milliseconds with one decimal, grouped the language's way ("1,234.5"). */
export function ms(value: number, lang: Lang): string {
  let f = msFormats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'ko' ? 'ko-KR' : 'en-US', {
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    });
    msFormats.set(lang, f);
  }
  return f.format(value);
}

/** A ratio such as conns/weight: "2/3 = 0.67" (at most two decimals). */
export function ratio(a: number, b: number): string {
  const v = b === 0 ? 0 : a / b;
  return `${a}/${b} = ${Number(v.toFixed(2))}`;
}

/** Whole-number percentage of a part, 0 when there is no whole. */
export function pct(part: number, whole: number): number {
  return whole > 0 ? Math.round((100 * part) / whole) : 0;
}
