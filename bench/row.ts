/** One line of `npm run bench` output: what was read, how long it took, how fast and how much memory. */
export function benchRow(name: string, files: number, mb: number, seconds: number, peakRssMb: number): string {
  return `${name.padEnd(22)} ${String(files).padStart(6)} files ${mb.toFixed(1).padStart(7)} MB ${seconds.toFixed(2).padStart(7)} s ${(mb / seconds).toFixed(1).padStart(7)} MB/s ${peakRssMb.toFixed(0).padStart(6)} MB peak RSS`;
}
