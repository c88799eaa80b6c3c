/**
 * Files without blocking the loop (Python's aiofiles): {@link org.asyncio4j.files.AsyncFiles} reads,
 * writes, appends, copies and streams lines; {@link org.asyncio4j.files.ChannelFiles} does whole-file
 * reads and writes through {@link java.nio.channels.AsynchronousFileChannel}. Which one does what, and
 * why, is measured in {@code benchmarks/RESULTS.md} (workload W8).
 */
package org.asyncio4j.files;
