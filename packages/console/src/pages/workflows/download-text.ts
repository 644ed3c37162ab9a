/** Saves text as a file through the browser's download (an export, a captured payload). */
export function downloadText(text: string, filename: string, type = 'application/yaml'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the blob to the download; revoking later keeps slow browsers safe.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from a workflow name, as the server's export names it. */
export function exportFilename(name: string): string {
  return `${name.replace(/[^\w.-]+/g, '_') || 'workflow'}.yml`;
}
