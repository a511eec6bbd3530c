/** Dialogs (antd Modal): click inside one only once it has finished opening. */
import type { Locator } from 'playwright-core';

/**
 * Waits until `dialog` is shown and its opening zoom is over, and returns it. For the whole motion
 * rc-motion puts the motion's name (`ant-zoom`) on the dialog element, and takes it off at the end.
 *
 * Clicking a button inside a dialog still zooming in can be lost: the dialog grows from where the
 * opening click was, so its buttons move and grow for ~0.3 s. Playwright's stability check can pass
 * on the motion's first, still frames (the dialog still invisible, at a fifth of its size); on a
 * loaded machine its mousedown then lands on the button and its mouseup, a frame later, beside it on
 * the modal's wrapper, so no click event reaches the button and the dialog stays open. Playwright
 * checks the hit target on the first event only, so it reports the click as done.
 */
export async function opened(dialog: Locator): Promise<Locator> {
  await dialog.and(dialog.page().locator(':not(.ant-zoom)')).waitFor();
  return dialog;
}
