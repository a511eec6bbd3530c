/** The zod-free name lists the preload bundles are exactly the contract's names. */
import { describe, expect, it } from 'vitest';
import {
  contract,
  events,
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  type EventName,
  type ProcedureName,
} from '../../shared/contract';
import * as names from '../../shared/ipc-names';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// Compile-time: a name added to one list and not the other fails type-checking.
const proceduresMatch: Same<(typeof names.PROCEDURE_NAMES)[number], ProcedureName> = true;
const eventsMatch: Same<(typeof names.EVENT_NAMES)[number], EventName> = true;

describe('IPC name lists', () => {
  it('list every procedure of the contract, once', () => {
    expect(proceduresMatch).toBe(true);
    expect([...names.PROCEDURE_NAMES].sort()).toEqual(Object.keys(contract).sort());
    expect(new Set(names.PROCEDURE_NAMES).size).toBe(names.PROCEDURE_NAMES.length);
  });

  it('list every event of the contract, once', () => {
    expect(eventsMatch).toBe(true);
    expect([...names.EVENT_NAMES].sort()).toEqual(Object.keys(events).sort());
  });

  it('keep the channel names contract.ts exports', () => {
    expect(IPC_INVOKE_CHANNEL).toBe(names.IPC_INVOKE_CHANNEL);
    expect(IPC_EVENT_CHANNEL).toBe(names.IPC_EVENT_CHANNEL);
  });

  it('do not treat inherited object keys as names', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(names.isProcedureName(name)).toBe(false);
      expect(names.isEventName(name)).toBe(false);
    }
  });
});
