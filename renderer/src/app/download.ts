/** Saves a file the main process produced (base64) through the browser's own download: a Blob and an <a download>. */
export interface FileData {
  filename: string;
  mime: string;
  base64: string;
}

export function downloadFile(file: FileData): void {
  const binary = atob(file.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has its own copy once started; the URL is not needed for long.
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
