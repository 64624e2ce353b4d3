/**
 * The check character of a project code (docs/design.md §3), for writing probe records by hand: give the
 * first 20 characters, get the 21-character code. Independent of src/ (not imported, on purpose).
 *
 *   tsx scripts/probes/checkChar.ts 13062525P00310410001 [...]
 */
const CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CODE_BODY_LENGTH = 20;
const CHECK_MODULUS = 31;

export function withCheckChar(body: string): string {
  if (body.length !== CODE_BODY_LENGTH)
    throw new Error(`${body}: need ${CODE_BODY_LENGTH} characters, got ${body.length}`);
  let sum = 0;
  let weight = 1; // 3^i mod 31
  for (const char of body) {
    const value = CODE_ALPHABET.indexOf(char);
    if (value < 0) throw new Error(`${body}: ${char} is not in the code alphabet`);
    sum += value * weight;
    weight = (weight * 3) % CHECK_MODULUS;
  }
  return body + CODE_ALPHABET[(CHECK_MODULUS - 1 - (sum % CHECK_MODULUS)) % CHECK_MODULUS];
}

for (const body of process.argv.slice(2)) console.log(withCheckChar(body));
