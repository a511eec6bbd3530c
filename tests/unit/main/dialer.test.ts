/** The dialer hands only a clean tel: URI to the OS, with the call's id; anything else is refused. */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const openExternal = vi.fn((_url: string, _options?: object) => Promise.resolve());
vi.mock('electron', () => ({ shell: { openExternal } }));
const { dialOnSoftphone } = await import('../../../electron/main/dialer');

const CALL = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('the softphone dialer', () => {
  beforeEach(() => openExternal.mockClear());

  it('opens tel: with the digits and the call id, without bringing the softphone forward', async () => {
    await dialOnSoftphone('138 0013-8001', CALL);
    expect(openExternal).toHaveBeenCalledWith(`tel:13800138001;call-id=${CALL}`, { activate: false });
  });

  it.each(['javascript:alert(1)', '1380013800;x', '', '+86 (138) 0013 8001', 'tel:13800138001'])(
    'refuses %j and opens nothing',
    async (number) => {
      await expect(dialOnSoftphone(number, CALL)).rejects.toThrow('not a dialable number');
      expect(openExternal).not.toHaveBeenCalled();
    },
  );
});
