// Builds tollgate's offline price catalog (src/cost/catalog/*.json) from the CSV files in
// ../shared/pricing-data (see its README for sources, units and dates).
// Usage: node scripts/build-catalog.mjs [--data DIR] [--out DIR]
// Deterministic: the same CSV files always give byte-identical JSON (keys sorted, no timestamps),
// so a test can rebuild into a temporary directory and compare with the committed files.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function argument(name, fallback) {
  const index = process.argv.indexOf(name);
  return index >= 0 && process.argv[index + 1] ? resolve(process.argv[index + 1]) : fallback;
}

const dataDir = argument('--data', resolve(root, '..', 'shared', 'pricing-data'));
const outDir = argument('--out', join(root, 'src', 'cost', 'catalog'));
/** Prices transcribed from the providers' pricing pages where the shared data lacks or mixes them: this repository's own data. */
const listPricesFile = join(root, 'data', 'list-prices.csv');
/** Rows of the shared component table whose name leaves out what selects them, renamed (each with its reason): this repository's own data. */
const relabelsFile = join(root, 'data', 'component-relabels.csv');

/** The dates the data README gives for each file; printed in every report that uses them. */
const SOURCES = {
  awsEc2: { file: 'aws-ec2-ondemand.csv', asOf: '2026-07-20', label: 'AWS EC2 on-demand, Karpenter pricing table' },
  awsEc2Regions: { file: 'aws-ec2-ondemand-regions.csv', asOf: '2024-04-04', label: 'AWS EC2 on-demand, 31 regions, ec2instances.info export' },
  awsRds: { file: 'aws-rds-ondemand-regions.csv', asOf: '2023-03-01', label: 'AWS RDS on-demand instances, 29 regions, RDS price list' },
  awsSpecs: { file: 'aws-ec2-instance-specs.csv', asOf: '2026', label: 'AWS EC2 instance shapes, Karpenter docs' },
  azureVm: { file: 'azure-vm-ondemand.csv', asOf: '2026-06-18', label: 'Azure VM pay-as-you-go, Karpenter Azure pricing table' },
  gcpMachines: { file: 'gcp-machine-types.csv', asOf: '2026', label: 'GCE machine shapes' },
  components: { file: 'component-unit-prices.csv', asOf: 'before 2026-08', label: 'component unit prices, Infracost test fixtures' },
  kubernetes: { file: 'kubernetes-default-rates.csv', asOf: 'current', label: 'OpenCost default Kubernetes rates' },
};

/** RFC 4180 CSV: quoted fields may hold commas and doubled quotes. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      if (row.some((value) => value !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  row.push(field);
  if (row.some((value) => value !== '')) rows.push(row);
  const [header = [], ...body] = rows;
  return body.map((values) => Object.fromEntries(header.map((name, index) => [name, values[index] ?? ''])));
}

function readCsv(source) {
  return parseCsv(readFileSync(join(dataDir, source.file), 'utf8'));
}

/** data/list-prices.csv in the components' shape, every row exact: provider → type → region → component → [[unit, usd, 'exact']]. */
function listPricesCatalog() {
  const index = {};
  for (const row of parseCsv(readFileSync(listPricesFile, 'utf8'))) {
    if (!row.source) throw new Error(`build-catalog: ${row.component} in data/list-prices.csv names no source`);
    const byRegion = (((index[row.provider] ??= {})[row.resource_type] ??= {})[row.region] ??= {});
    (byRegion[row.component] ??= []).push([row.unit, price(row.usd_per_unit, `data/list-prices.csv ${row.component}`), 'exact']);
  }
  return { sources: [{ file: 'data/list-prices.csv', label: 'AWS and Azure pricing pages, transcribed', asOf: '2026-12-02' }], components: index };
}

function price(text, where) {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) throw new Error(`build-catalog: bad price ${JSON.stringify(text)} in ${where}`);
  return value;
}

/** Objects with keys in code-point order at every level, so the output never depends on row order. */
function sorted(value) {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object') {
    const out = {};
    for (const key of Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) out[key] = sorted(value[key]);
    return out;
  }
  return value;
}

function meta(...sources) {
  return sources.map((source) => ({ file: source.file, label: source.label, asOf: source.asOf }));
}

function awsCatalog() {
  const regions = {};
  for (const row of readCsv(SOURCES.awsEc2)) {
    (regions[row.region] ??= {})[row.instance_type] = price(row.usd_per_hour, `${SOURCES.awsEc2.file} ${row.instance_type}`);
  }
  // Shape as [vcpu, memoryGib, arch, gpuCount]: compact, and enough for size comparisons.
  const shapes = {};
  for (const row of readCsv(SOURCES.awsSpecs)) {
    shapes[row.instance_type] = [Number(row.vcpu), Number(row.memory_gib), row.arch, Number(row.gpu_count || 0)];
  }
  // Shapes are not prices: their source is kept apart so a report's date line names only price sources.
  return { sources: meta(SOURCES.awsEc2), shapeSources: meta(SOURCES.awsSpecs), hourly: regions, shapes };
}

/** The instance family of a type: `m5` of `m5.large`, `m5d` of `m5d.metal`. */
function familyOf(instanceType) {
  return instanceType.split('.')[0];
}

function median(values) {
  const ordered = [...values].sort((a, b) => a - b);
  const middle = Math.floor(ordered.length / 2);
  return ordered.length % 2 === 1 ? ordered[middle] : (ordered[middle - 1] + ordered[middle]) / 2;
}

/**
 * EC2 prices of the regions other than the us-east-1 table's (which is fresher, so its region is
 * left out here), and per region and family the median ratio of the region's price to us-east-1's
 * in the same snapshot: a type launched after the snapshot is priced as its us-east-1 price × that
 * ratio, and the report says the figure is derived.
 */
function awsRegionsCatalog() {
  const fresher = new Set(readCsv(SOURCES.awsEc2).map((row) => row.region));
  const hourly = {};
  for (const row of readCsv(SOURCES.awsEc2Regions)) {
    (hourly[row.region] ??= {})[row.instance_type] = price(row.usd_per_hour, `${SOURCES.awsEc2Regions.file} ${row.region} ${row.instance_type}`);
  }
  const reference = hourly['us-east-1'] ?? {};
  const familyRatios = {};
  for (const [region, prices] of Object.entries(hourly)) {
    if (region === 'us-east-1') continue;
    const ratios = {};
    for (const [type, usd] of Object.entries(prices)) {
      const base = reference[type];
      if (base) (ratios[familyOf(type)] ??= []).push(usd / base);
    }
    familyRatios[region] = Object.fromEntries(Object.entries(ratios).map(([family, values]) => [family, Math.round(median(values) * 10000) / 10000]));
  }
  for (const region of fresher) delete hourly[region];
  return { sources: meta(SOURCES.awsEc2Regions), hourly, familyRatios };
}

/** RDS instance hours: region → engine → deployment → instance class → USD an hour. */
function awsRdsCatalog() {
  const hourly = {};
  for (const row of readCsv(SOURCES.awsRds)) {
    ((hourly[row.region] ??= {})[row.engine] ??= {})[row.deployment] ??= {};
    hourly[row.region][row.engine][row.deployment][row.instance_class] = price(row.usd_per_hour, `${SOURCES.awsRds.file} ${row.region} ${row.instance_class}`);
  }
  return { sources: meta(SOURCES.awsRds), hourly };
}

/** 65k rows as one size list and a price array per region (aligned by index, null where absent): a fifth of the naive size. */
function azureCatalog() {
  const rows = readCsv(SOURCES.azureVm);
  const sizes = [...new Set(rows.map((row) => row.vm_size))].sort();
  const position = new Map(sizes.map((size, index) => [size, index]));
  const regions = {};
  for (const row of rows) {
    const prices = (regions[row.region] ??= new Array(sizes.length).fill(null));
    prices[position.get(row.vm_size)] = price(row.usd_per_hour, `${SOURCES.azureVm.file} ${row.region} ${row.vm_size}`);
  }
  return { sources: meta(SOURCES.azureVm), sizes, hourly: regions };
}

function gcpCatalog() {
  const shapes = {};
  for (const row of readCsv(SOURCES.gcpMachines)) {
    shapes[row.machine_type] = [Number(row.vcpus), Number(row.memory_gib), row.shared_cpu === 'True', row.deprecated !== ''];
  }
  return { sources: [], shapeSources: meta(SOURCES.gcpMachines), shapes };
}

const PRECISION = { 'quoted unit price': 'exact', 'monthly cost / quantity': 'derived', 'monthly cost / quantity (low precision)': 'low' };
const PRECISION_RANK = { exact: 0, derived: 1, low: 2 };

/**
 * provider → resource type → region → component → [[unit, usdPerUnit, precision], …]. A component
 * can appear with several units (Glue DPUs); each keeps its row, the exact ones first.
 */
function componentCatalog() {
  const renames = new Map();
  for (const row of parseCsv(readFileSync(relabelsFile, 'utf8'))) {
    if (!row.reason || !row.renamed) throw new Error(`build-catalog: ${row.component} in data/component-relabels.csv needs a new name and a reason`);
    renames.set([row.provider, row.resource_type, row.region, row.component].join('\u0000'), row.renamed);
  }
  const renamed = new Set();
  const index = {};
  for (const row of readCsv(SOURCES.components)) {
    const precision = PRECISION[row.how];
    if (!precision) throw new Error(`build-catalog: unknown how ${JSON.stringify(row.how)}`);
    const key = [row.provider, row.resource_type, row.region, row.component].join('\u0000');
    if (renames.has(key)) renamed.add(key);
    const name = renames.get(key) ?? row.component;
    const byRegion = (((index[row.provider] ??= {})[row.resource_type] ??= {})[row.region] ??= {});
    (byRegion[name] ??= []).push([row.unit, price(row.usd_per_unit, `${SOURCES.components.file} ${row.resource_type}`), precision]);
  }
  const stale = [...renames.keys()].filter((key) => !renamed.has(key));
  if (stale.length > 0) throw new Error(`build-catalog: data/component-relabels.csv names rows ${SOURCES.components.file} no longer has: ${stale.map((key) => key.split('\u0000').join(' ')).join('; ')}`);
  for (const types of Object.values(index)) {
    for (const regions of Object.values(types)) {
      for (const components of Object.values(regions)) {
        for (const entries of Object.values(components)) {
          entries.sort((a, b) => PRECISION_RANK[a[2]] - PRECISION_RANK[b[2]] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
        }
      }
    }
  }
  return { sources: meta(SOURCES.components), components: index };
}

function kubernetesCatalog() {
  const rates = {};
  for (const row of readCsv(SOURCES.kubernetes)) rates[row.resource] = { unit: row.unit, usd: price(row.usd_per_unit, `${SOURCES.kubernetes.file} ${row.resource}`) };
  return { sources: meta(SOURCES.kubernetes), rates };
}

export const CATALOG_FILES = {
  'catalog-aws-ec2.json': awsCatalog,
  'catalog-aws-ec2-regions.json': awsRegionsCatalog,
  'catalog-aws-rds.json': awsRdsCatalog,
  'catalog-azure-vm.json': azureCatalog,
  'catalog-gcp-machines.json': gcpCatalog,
  'catalog-components.json': componentCatalog,
  'catalog-list-prices.json': listPricesCatalog,
  'catalog-kubernetes.json': kubernetesCatalog,
};

if (!existsSync(dataDir)) {
  console.error(`build-catalog: price data not found at ${dataDir} (pass --data DIR)`);
  process.exit(1);
}
mkdirSync(outDir, { recursive: true });
for (const [name, build] of Object.entries(CATALOG_FILES)) {
  writeFileSync(join(outDir, name), JSON.stringify(sorted(build())) + '\n');
}
