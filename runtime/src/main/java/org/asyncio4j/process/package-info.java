/**
 * Subprocesses on the event loop (asyncio's {@code asyncio.subprocess}):
 * {@code Asyncio.createSubprocessExec(command, ProcessOptions.pipes())} gives a
 * {@link org.asyncio4j.process.Subprocess} with piped stdin/stdout/stderr streams,
 * {@code communicate}, {@code waitFor}, {@code terminate} and {@code kill}. A process ended by
 * signal N reports exit code {@code -N}, as in asyncio.
 */
package org.asyncio4j.process;
