import calendar from './support-calendar.json' with { type: 'json' };

/**
 * Whether an engine version is past its end of standard support on a given day: AWS then bills
 * extended support on top (EKS per cluster-hour, RDS and Aurora per vCPU-hour). The calendar is
 * data (support-calendar.json, with its sources); the day is the run's, so a cluster that leaves
 * standard support next month is priced at today's rate.
 */

export const SUPPORT_CALENDAR_AS_OF = calendar.asOf;

export interface ExtendedSupport {
  /** The version as the calendar names it (`1.29`, `5.7`, `13`). */
  version: string;
  /** The day standard support ended (ISO date). */
  endedOn: string;
  /** Whole years since then: 0 in the first year of extended support. */
  yearsIn: number;
}

function extendedSupport(ends: Record<string, string> | undefined, version: string, today: string): ExtendedSupport | undefined {
  const endedOn = ends?.[version];
  if (endedOn === undefined || endedOn > today) return undefined;
  const yearsIn = Math.floor((Date.parse(today) - Date.parse(endedOn)) / (365.25 * 24 * 3600 * 1000));
  return { version, endedOn, yearsIn };
}

/** An EKS cluster version (`1.29`, also written `"1.29"` or `1.29.x`) past standard support on `today`. */
export function eksExtendedSupport(version: string, today: string): ExtendedSupport | undefined {
  const minor = /^(\d+\.\d+)/.exec(version)?.[1];
  return minor === undefined ? undefined : extendedSupport(calendar.eks, minor, today);
}

/** The major version RDS bills support by: `5.7`/`8.0` for MySQL engines, `13` for PostgreSQL engines. */
function majorVersion(engine: string, version: string): string | undefined {
  const parts = version.split('.');
  if (engine.endsWith('postgresql')) return parts[0];
  if (engine === 'aurora-mysql' && /^[0-9]+\.[0-9]+\.mysql_aurora\.2/.test(version)) return '5.7';
  return parts.length >= 2 ? `${parts[0]}.${parts[1]}` : undefined;
}

/** An RDS or Aurora engine version past standard support on `today`; engines as the price data names them (`mysql`, `postgresql`, `aurora-mysql`, …). */
export function rdsExtendedSupport(engine: string, version: string, today: string): ExtendedSupport | undefined {
  const major = majorVersion(engine, version);
  const ends = (calendar.rds as Record<string, Record<string, string>>)[engine];
  return major === undefined ? undefined : extendedSupport(ends, major, today);
}
