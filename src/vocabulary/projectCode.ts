/**
 * Project codes (项目编码) with a check character, docs/design.md §3: 20 characters of a 31-character
 * alphabet and one check character over them; and how OCR misreads their characters.
 */

/** The check alphabet: digits and the capital letters but I, O, S, V and Z; a character's value is its index. */
export const PROJECT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Project codes with a check character: 20 characters and the check (seed: all 17 codes). */
export const CHECKED_CODE_LENGTH = 21;
/** The alphabet's size, the modulus of the check computation. */
const CHECK_MODULUS = PROJECT_CODE_ALPHABET.length;
/** The weight of character i is CHECK_WEIGHT_BASE^i mod 31. */
const CHECK_WEIGHT_BASE = 3;
/** The shape of a code the check character applies to; other schemes (other regions' codes) are not checked. */
const CHECKED_CODE_SHAPE = new RegExp(`^[${PROJECT_CODE_ALPHABET}]{${CHECKED_CODE_LENGTH}}$`, 'u');

/**
 * Whether the check character applies to a code: 21 characters of the check alphabet; other code schemes are not
 * checked.
 */
export function codeHasCheckedShape(code: string): boolean {
  return CHECKED_CODE_SHAPE.test(code);
}

/**
 * docs/design.md §3: s = Σ value(cᵢ)·(3ⁱ mod 31) over the first 20 characters; check = alphabet[(30 − s mod 31) mod
 * 31].
 * Null if one of those characters is outside the alphabet.
 */
export function codeToCheckCharacter(code: string): string | null {
  let sum = 0;
  let weight = 1;
  for (let index = 0; index < CHECKED_CODE_LENGTH - 1; index++) {
    const value = PROJECT_CODE_ALPHABET.indexOf(code[index]);
    if (value < 0) return null;
    sum += value * weight;
    weight = (weight * CHECK_WEIGHT_BASE) % CHECK_MODULUS;
  }
  return PROJECT_CODE_ALPHABET[(CHECK_MODULUS - 1 - (sum % CHECK_MODULUS)) % CHECK_MODULUS];
}

/** Whether a code is 21 characters whose last is the check character of the first 20. */
export function codePassesCheck(code: string): boolean {
  return code.length === CHECKED_CODE_LENGTH && codeToCheckCharacter(code) === code[CHECKED_CODE_LENGTH - 1];
}

/**
 * Letters of the alphabet that OCR reads for a digit. Only letter → digit: a code is mostly digits, and
 * trying digit → letter at every 0 and 8 lets a truly failing code pass by chance (1 in 31 per try).
 */
export const CODE_CONFUSIONS_IN_ALPHABET: Readonly<Record<string, readonly string[]>> = { B: ['8'], D: ['0'] };

/**
 * Characters outside the check alphabet that OCR reads for a code character: one reading each (docs/design.md §3; `]`
 * is a serif J).
 */
const CODE_CONFUSIONS_OUTSIDE_ALPHABET: Readonly<Record<string, string>> = {
  O: '0',
  o: '0',
  I: '1',
  l: '1',
  '|': '1',
  S: '5',
  s: '5',
  Z: '2',
  z: '2',
  ']': 'J',
};

/** An OCR reading of a code with spaces removed and each character outside the alphabet mapped to its confusable. */
export function codeReadingToAlphabet(text: string): string {
  return [...text.replace(/\s+/g, '')].map((ch) => CODE_CONFUSIONS_OUTSIDE_ALPHABET[ch] ?? ch).join('');
}

/**
 * Whether an OCR reading, spaces removed and characters outside the alphabet mapped to their confusable, is a whole
 * code: 21 characters of the alphabet.
 */
export function isWholeCodeReading(text: string): boolean {
  const forced = [...codeReadingToAlphabet(text)];
  return forced.length === CHECKED_CODE_LENGTH && forced.every((ch) => PROJECT_CODE_ALPHABET.includes(ch));
}
