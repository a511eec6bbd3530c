/** The import ceremony's file dialog: a delivery archive on this seat's disks, or null if dismissed. */
import { dialog, type BrowserWindow } from 'electron';

export async function chooseArchive(win: BrowserWindow | null): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    properties: ['openFile', 'dontAddToRecent'],
    filters: [{ name: 'ZIP', extensions: ['zip'] }],
  };
  const chosen = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
}
