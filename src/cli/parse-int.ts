import { InvalidArgumentError } from 'commander';

/**
 * A commander argument parser for whole numbers in a range: `--hosts abc` is a usage error that
 * names the option, not a NaN that quietly becomes an empty fleet.
 */
export function intIn(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}.`);
    }
    return n;
  };
}
