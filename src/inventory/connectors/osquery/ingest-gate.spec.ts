import { describe, expect, it } from 'vitest';
import { IngestGate } from './ingest-gate.js';

describe('IngestGate', () => {
  it('admits up to its limit, turns the next away at once, and admits again after a release', () => {
    const gate = new IngestGate(2);
    const a = gate.tryEnter();
    const b = gate.tryEnter();
    expect([a, b].every((r) => typeof r === 'function')).toBe(true);
    expect(gate.tryEnter()).toBeNull();
    a?.();
    expect(gate.inUse).toBe(1);
    expect(gate.tryEnter()).not.toBeNull();
  });

  it('frees one place however often a release is called (close and finish both fire)', () => {
    const gate = new IngestGate(1);
    const release = gate.tryEnter();
    release?.();
    release?.();
    expect(gate.inUse).toBe(0);
    expect(gate.tryEnter()).not.toBeNull();
    expect(gate.tryEnter()).toBeNull();
  });
});
