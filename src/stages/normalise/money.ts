/** Money: amounts as printed (`2350.08`, `3,865,200.00`, `50万元`) into integer yuan, by string arithmetic. */
import { YUAN_PER_AMOUNT_UNIT, labelKey } from '../../vocabulary/index.js';
import { fullWidthNumberCharsToAscii } from '../../vocabulary/text.js';

/** An amount as printed: its sign, digits and the unit it prints itself (`2350.08万元`), full-width made ASCII. */
function printedAmount(
  printed: string,
): { negative: boolean; whole: string; fraction: string; unit: string | null } | null {
  const cleaned = fullWidthNumberCharsToAscii(printed).replace(/[\s,，]/g, '');
  const match = /^(-?)(\d+)(?:\.(\d+))?([千万亿]元?|元)?$/u.exec(cleaned);
  if (!match) return null;
  const unit = match[4] === undefined ? null : match[4].endsWith('元') ? match[4] : `${match[4]}元`; // `50万` is 50 万元
  return { negative: match[1] === '-', whole: match[2], fraction: match[3] ?? '', unit };
}

/**
 * `2350.08` in 万元 → 23500800 yuan, by string arithmetic; commas and full-width digits allowed; a
 * unit printed after the number (`2350.08万元`) must agree with the amount unit, or stands for it when
 * none is known. Null when not a number, when the unit is unknown, or when the two units disagree.
 */
export function amountToYuan(printed: string | null | undefined, amountUnit: string | null): number | null {
  if (printed === null || printed === undefined) return null;
  const amount = printedAmount(printed);
  if (amount === null) return null;
  const tableUnit = amountUnit === null ? null : labelKey(amountUnit);
  if (amount.unit !== null && tableUnit !== null && amount.unit !== tableUnit) return null;
  const unit = amount.unit ?? tableUnit;
  const factor = unit === null ? undefined : YUAN_PER_AMOUNT_UNIT[unit];
  if (factor === undefined) return null;
  const factorDigits = factor.toString().length - 1;
  const kept = amount.fraction.slice(0, factorDigits).padEnd(factorDigits, '0');
  let yuan = BigInt(amount.whole) * factor + (factorDigits > 0 ? BigInt(kept) : 0n);
  const dropped = amount.fraction.slice(factorDigits);
  if (dropped !== '' && Number(dropped[0]) >= 5) yuan += 1n; // half up, on the printed digits
  return Number(amount.negative ? -yuan : yuan);
}

/** The unit an amount prints after its number (`50万元` → 万元), or null. */
export function amountTextToUnit(printed: string | null): string | null {
  return printed === null ? null : (printedAmount(printed)?.unit ?? null);
}
