/**
 * H5: downloads an exported report through the browser (an anchor with `download`). The weapp
 * build uses save-export.weapp.ts (downloadFile + openDocument).
 */
export function openExport(url: string, name: string): Promise<void> {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  return Promise.resolve();
}
