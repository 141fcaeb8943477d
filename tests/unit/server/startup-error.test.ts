/** Start-up failures as one line: listen errors by code, system reasons in words, codes found in causes and parts. */
import { describe, expect, it } from 'vitest';
import { errorCode, listenFailure, reasonOf, StartupError, startupLine } from '../../../server/startup-error.ts';

const sysError = (code: string, message = `${code} happened`) => Object.assign(new Error(message), { code });

describe('startup errors', () => {
  it('names the address and the setting for listen failures', () => {
    expect(listenFailure(sysError('EADDRINUSE'), '0.0.0.0', 8080).message).toBe(
      'cannot listen on 0.0.0.0:8080: the port is already in use (another Kansoku, or another program); stop it or set PORT',
    );
    expect(listenFailure(sysError('EACCES'), '::', 80).message).toMatch(
      /^cannot listen on \[::\]:80: permission denied .*set PORT$/,
    );
    expect(listenFailure(sysError('EADDRNOTAVAIL'), '10.9.9.9', 8080).message).toMatch(
      /10\.9\.9\.9 is not an address of this machine; set HOST$/,
    );
  });

  it('finds the code in causes and in AggregateError parts', () => {
    expect(errorCode(new Error('wrapped', { cause: sysError('SQLITE_FULL') }))).toBe('SQLITE_FULL');
    expect(errorCode(new AggregateError([new Error('x'), sysError('ECONNREFUSED')]))).toBe('ECONNREFUSED');
    expect(errorCode('text')).toBeUndefined();
    expect(reasonOf(sysError('ENOTDIR'))).toBe('a part of the path is a file, not a directory');
    expect(reasonOf(new Error('first line\nsecond line'))).toBe('first line');
  });

  it('prints our messages as they are and anything else as one line', () => {
    expect(startupLine(new StartupError('cannot do it'))).toBe('cannot do it');
    expect(startupLine(sysError('EIO', 'read failed\n    at somewhere.ts:1:1'))).toBe(
      'start-up failed: read failed (EIO)',
    );
  });
});
