/**
 * Streams, servers and datagrams on the event loop's NIO selector (asyncio's {@code asyncio.streams}
 * and datagram endpoints). One loop thread serves every socket: no thread per connection.
 *
 * <ul>
 * <li>{@link org.asyncio4j.net.Connection#open} / {@code Asyncio.openConnection}: a client
 *   {@link org.asyncio4j.net.StreamReader} and {@link org.asyncio4j.net.StreamWriter}.
 * <li>{@link org.asyncio4j.net.Server#start} / {@code Asyncio.startServer}: one handler task per connection.
 * <li>{@link org.asyncio4j.net.DatagramEndpoint#open} / {@code Asyncio.openDatagramEndpoint}: UDP.
 * <li>{@link org.asyncio4j.net.Pipes}: blocking streams (subprocess pipes) as loop streams.
 * </ul>
 * Flow control follows asyncio: a reader stops reading past {@code 2 * limit} buffered bytes, and a
 * writer's {@code drain()} waits above the high-water mark (64 KiB) until the low-water mark (16 KiB).
 * Differences from asyncio are listed in {@code docs/asyncio-differences.md}.
 */
package org.asyncio4j.net;
