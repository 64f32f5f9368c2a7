// The error a call throws, for the tests that look into it (its code, reason, location).
import {expect} from 'vitest';

/** What `run` throws, which must be an `errorClass`; the test fails when it throws nothing or something else. */
export function thrownBy<E>(errorClass: abstract new (...args: never[]) => E, run: () => unknown): E {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(errorClass);
    return error as E;
  }
  return expect.fail(`expected ${errorClass.name} to be thrown`);
}
