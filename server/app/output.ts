/**
 * Logging must never take the server down. When the reader of stdout or stderr goes away (`pnpm start | head`),
 * every write fails with EPIPE; unhandled, each failure is an uncaught exception whose report is one more failed
 * write, and the process spins on them. Listening for the errors ends that: the lines are dropped, nothing else.
 */
export function dropLogsWhenOutputCloses(): void {
  for (const stream of [process.stdout, process.stderr]) stream.on("error", () => {});
}
