import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { EOL } from 'node:os';
import { escapeCommandData, escapeCommandProperty } from '../report/annotations.js';

/*
 * The runner's side of an action: inputs from INPUT_* variables, outputs and the job summary in
 * the files the runner names, and workflow commands on stdout. The protocol is small and
 * documented; speaking it here spares every run the start-up cost of a toolkit that also carries
 * an HTTP client (see docs/architecture.md, "Start-up").
 */

export type Environment = Readonly<Record<string, string | undefined>>;

/** Where an error or warning points, as the runner's annotation properties. */
export interface CommandPlace {
  file?: string;
  startLine?: number;
  title?: string;
}

/** An input's value as the runner passes it, `INPUT_` and the upper-cased name with spaces as `_`; trimmed, '' when unset. */
export function inputValue(name: string, env: Environment = process.env): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** A workflow command line: `::name key=value,…::data`, both parts escaped so the runner reads back exactly what was meant. */
export function workflowCommand(name: string, data: string, place: CommandPlace = {}): string {
  const properties = [
    ...(place.file !== undefined ? [`file=${escapeCommandProperty(place.file)}`] : []),
    ...(place.startLine !== undefined ? [`line=${place.startLine}`] : []),
    ...(place.title !== undefined ? [`title=${escapeCommandProperty(place.title)}`] : []),
  ];
  return `::${name}${properties.length > 0 ? ` ${properties.join(',')}` : ''}::${escapeCommandData(data)}`;
}

function emit(line: string): void {
  process.stdout.write(line + EOL);
}

export function info(message: string): void {
  emit(message);
}

export function debug(message: string): void {
  emit(workflowCommand('debug', message));
}

export function warning(message: string, place?: CommandPlace): void {
  emit(workflowCommand('warning', message, place));
}

export function error(message: string, place?: CommandPlace): void {
  emit(workflowCommand('error', message, place));
}

/** The runner replaces the value with *** in every later log line; the first command of a run, before anything could print it. */
export function maskSecret(value: string): void {
  if (value !== '') emit(workflowCommand('add-mask', value));
}

/** Marks the step failed without ending the process: outputs and the summary are still written. */
export function fail(message: string): void {
  process.exitCode = 1;
  error(message);
}

/**
 * `name<<delimiter` blocks in GITHUB_OUTPUT, a fresh random delimiter each, so a value may hold
 * any text, newlines included. Outside a runner (no GITHUB_OUTPUT) there is nowhere to write.
 */
export function outputBlocks(outputs: Readonly<Record<string, string>>, delimiter: () => string = () => `ghadelimiter_${randomUUID()}`): string {
  return Object.entries(outputs)
    .map(([name, value]) => {
      const end = delimiter();
      if (name.includes(end) || value.includes(end)) throw new Error(`output ${name} contains its own delimiter`);
      return `${name}<<${end}${EOL}${value}${EOL}${end}${EOL}`;
    })
    .join('');
}

export function setOutputs(outputs: Readonly<Record<string, string>>, env: Environment = process.env): void {
  const file = env['GITHUB_OUTPUT'];
  if (file) appendFileSync(file, outputBlocks(outputs));
}

/** Appends to the job summary; throws when the runner named no summary file or it cannot be written. */
export function appendSummary(markdown: string, env: Environment = process.env): void {
  const file = env['GITHUB_STEP_SUMMARY'];
  if (!file) throw new Error('GITHUB_STEP_SUMMARY is not set; the job summary is only written on a runner');
  appendFileSync(file, markdown + EOL);
}
