/**
 * @module offersClientWindow: which permessage-deflate offers let the server set the client's window (RFC 7692
 * §7.1.2.2).
 */
import { describe, expect, it } from 'vitest';
import { offersClientWindow } from '../../../../server/deflate-negotiation.ts';

describe('offersClientWindow', () => {
  it.each([
    ['permessage-deflate; client_max_window_bits', true], // Chromium
    ['permessage-deflate; client_max_window_bits=15', true],
    ['permessage-deflate; client_max_window_bits="11"', true],
    ['Permessage-Deflate ; Client_Max_Window_Bits = 12', true],
    ['x-webkit-deflate-frame, permessage-deflate; client_max_window_bits', true],
    ['permessage-deflate, permessage-deflate; client_max_window_bits', true],
    ['permessage-deflate', false], // Firefox, Safari
    ['permessage-deflate; server_no_context_takeover', false],
    ['permessage-deflate; client_max_window_bits=10', false], // the client asks for less than 11: keep its own
    ['permessage-deflate; client_max_window_bits=abc', false],
    ['x-other; client_max_window_bits', false],
    ['', false],
  ])('%j → %s', (header, expected) => {
    expect(offersClientWindow(header, 11)).toBe(expected);
  });

  it('is false without the header', () => {
    expect(offersClientWindow(undefined, 11)).toBe(false);
  });
});
