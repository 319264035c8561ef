import { describe, expect, it } from 'vitest';
import { HashGate } from './hash-gate.js';

describe('HashGate', () => {
  it('gives each client one slot and keeps the reserved one for known browsers', () => {
    const gate = new HashGate({ slots: 3, reservedForKnown: 1, perClient: 1 });
    const a = gate.tryEnter('address:10.0.0.1', false);
    expect(typeof a).toBe('function');
    expect(gate.tryEnter('address:10.0.0.1', false)).toBe('client-busy');
    const b = gate.tryEnter('address:10.0.0.2', false);
    expect(typeof b).toBe('function');
    expect(gate.tryEnter('address:10.0.0.3', false)).toBe('server-busy');
    const known = gate.tryEnter('device:abc', true);
    expect(typeof known).toBe('function');
    expect(gate.tryEnter('device:def', true)).toBe('server-busy');
    expect(gate.inFlight).toBe(3);
  });

  it('frees a slot once, however often release is called', () => {
    const gate = new HashGate({ slots: 2, reservedForKnown: 0, perClient: 1 });
    const release = gate.tryEnter('address:10.0.0.1', false);
    if (typeof release !== 'function') throw new Error('expected a slot');
    release();
    release();
    expect(gate.inFlight).toBe(0);
    expect(typeof gate.tryEnter('address:10.0.0.1', false)).toBe('function');
    expect(typeof gate.tryEnter('address:10.0.0.2', false)).toBe('function');
    expect(gate.tryEnter('address:10.0.0.3', false)).toBe('server-busy');
  });
});
