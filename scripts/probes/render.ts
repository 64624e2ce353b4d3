/**
 * Renders the probe documents (probes/<name>.expected.json + <name>.quirks.json) into
 * probes/<name>.<producer>.pdf with the fixture renderers of scripts/fixtures/render/, each probe by
 * the producers listed here. Probes are kept apart from fixtures/ (probes/README.md).
 *
 *   tsx scripts/probes/render.ts            every probe
 *   tsx scripts/probes/render.ts laishui    probes whose name contains one of the words
 *
 * Records with a `template` (central, provincial, municipal) are rendered by the template writer of
 * scripts/fixtures/render/central.ts, whose producers are CENTRAL_PRODUCERS.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FixtureExpected, FixtureQuirks, fixtureToPrintDoc } from '../fixtures/render/printDoc.js';
import { printDocToPdf, type Producer } from '../fixtures/render/producers.js';
import { CENTRAL_PRODUCERS, CentralExpected, CentralQuirks, centralToPdf } from '../fixtures/render/central.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Live probes, and the former probes that served tuning and moved to fixtures/tuning (probes/README.md). */
const PROBE_DIRS = [join(ROOT, 'probes'), join(ROOT, 'fixtures', 'tuning')];

/** The former probes in fixtures/tuning are rendered by every writer: they are tuning material now. */
const EVERY_TEXT_PRODUCER: Producer[] = [
  'lo-a4',
  'lo-b5',
  'direct',
  'wps',
  'calc',
  'calc-portrait',
  'direct-centred',
  'direct-centred-portrait',
  'direct-repeated',
];

/** At least two producers per probe, so that every probe is also a layout probe of another writer. */
export const PRODUCERS_BY_PROBE: Record<string, Producer[]> = {
  'laishui-agri-2025': EVERY_TEXT_PRODUCER,
  'puyang-commerce-2019': EVERY_TEXT_PRODUCER,
  'jingyuan-water-2026': EVERY_TEXT_PRODUCER,
  'taonan-edu-2021': EVERY_TEXT_PRODUCER,
  'kelan-health-2024': ['lo-a4', 'direct', 'calc', 'direct-centred-portrait'],
  'yixian-culture-2023': ['wps', 'lo-b5', 'calc-portrait', 'direct-centred'],
  // Session 8 (issues 13, 15): written after the four above moved to fixtures/tuning.
  'weichang-forestry-2027': ['lo-b5', 'direct', 'calc-portrait'],
  'wuchuan-disabled-2018': ['wps', 'lo-a4', 'direct-centred', 'calc'],
  // The central template writer (render/central.ts) has two producers.
  'central-grassland-2025': ['lo-b5', 'direct'],
};

type CentralProducer = (typeof CENTRAL_PRODUCERS)[number];

function isCentralProducer(producer: Producer): producer is CentralProducer {
  return (CENTRAL_PRODUCERS as readonly string[]).includes(producer);
}

async function main(filters: string[]): Promise<void> {
  const entries = PROBE_DIRS.flatMap((dir) =>
    readdirSync(dir)
      .filter((file) => file.endsWith('.expected.json'))
      .map((file) => ({ dir, name: basename(file, '.expected.json') })),
  ).filter(({ name }) => filters.length === 0 || filters.some((word) => name.includes(word)));
  for (const { dir, name } of entries) {
    const producers = PRODUCERS_BY_PROBE[name];
    if (!producers) throw new Error(`${name}: no producers listed in PRODUCERS_BY_PROBE`);
    const raw = JSON.parse(readFileSync(join(dir, `${name}.expected.json`), 'utf8')) as { template?: string };
    const quirksPath = join(dir, `${name}.quirks.json`);
    if (raw.template !== undefined && raw.template !== 'hebei-text') {
      const central = CentralExpected.parse(raw);
      const centralQuirks = CentralQuirks.parse(JSON.parse(readFileSync(quirksPath, 'utf8')));
      for (const producer of producers) {
        if (!isCentralProducer(producer)) throw new Error(`${name}: the template writer has no producer ${producer}`);
        const out = join(dir, `${name}.${producer}.pdf`);
        writeFileSync(out, await centralToPdf(central, centralQuirks, producer));
        console.log(`wrote ${out.slice(ROOT.length + 1)}`);
      }
      continue;
    }
    const expected = FixtureExpected.parse(raw);
    const quirks = existsSync(quirksPath) ? FixtureQuirks.parse(JSON.parse(readFileSync(quirksPath, 'utf8'))) : {};
    const doc = fixtureToPrintDoc(expected, quirks);
    for (const producer of producers) {
      const out = join(dir, `${name}.${producer}.pdf`);
      writeFileSync(out, await printDocToPdf(doc, producer));
      console.log(`wrote ${out.slice(ROOT.length + 1)}`);
    }
  }
}

await main(process.argv.slice(2));
