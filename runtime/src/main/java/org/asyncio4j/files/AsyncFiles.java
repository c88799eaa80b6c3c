package org.asyncio4j.files;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.asyncio4j.AsyncIterable;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Task;

/**
 * File operations that never block the loop thread (Python's aiofiles). Each returns a task of the
 * current loop; errors are {@code java.nio.file}'s own ({@code NoSuchFileException},
 * {@code MalformedInputException} for bytes that are not valid in the charset, ...), never swallowed.
 *
 * <p>Every operation here runs on the loop's default executor ({@link Asyncio#toThread}): one
 * hand-off per call, the file read or written there in 1 MB slices of a {@code FileChannel}.
 * Measured against {@link java.nio.channels.AsynchronousFileChannel} ({@link ChannelFiles}) and
 * against a plain {@code toThread(() -> Files.readAllBytes(p))} (workload W8 in
 * {@code benchmarks/RESULTS.md}): it is faster than the channel for small files (one hop instead of
 * an open, a read and a close as separate completions; on Linux the JDK's
 * {@code AsynchronousFileChannel} is itself a thread pool doing blocking {@code pread}), as fast for
 * a 1 GB read, and faster than {@code Files.readAllBytes} on an executor thread for big files (see
 * {@code Chunked}). Copies use
 * {@code Files.copy}, which lets the kernel copy ({@code copy_file_range}); nothing asynchronous
 * beats that. {@link #lines} reads in batches, one hop per batch of up to {@value LineIterator#BATCH_CHARS} chars.
 *
 * <p>Cancelling a returned task does not interrupt an operation already running on its thread:
 * as with {@code asyncio.to_thread}, the operation completes and its result is dropped.
 */
public final class AsyncFiles {
    private AsyncFiles() {}

    /**
     * Every byte of {@code file}.
     * @param file the file to read; not null
     * @return a task completing with the file's contents; it fails with the {@link java.io.IOException} of the read
     *     (e.g. {@link java.nio.file.NoSuchFileException})
     */
    public static Task<byte[]> readAllBytes(Path file) {
        Path f = need(file, "readAllBytes");
        return Asyncio.toThread(() -> Chunked.read(f));
    }

    /**
     * The file decoded as UTF-8; malformed input fails the task.
     * @param file the file to read; not null
     * @return a task completing with the text; it fails with the read's {@link java.io.IOException} ({@link
     *     java.nio.charset.MalformedInputException} for bytes that are not UTF-8)
     */
    public static Task<String> readString(Path file) {
        return readString(file, StandardCharsets.UTF_8);
    }

    /**
     * The file decoded with {@code charset}; malformed input fails the task.
     * @param file the file to read; not null
     * @param charset how the bytes are decoded; not null
     * @return a task completing with the text; it fails with the read's {@link java.io.IOException}
     */
    public static Task<String> readString(Path file, Charset charset) {
        Path f = need(file, "readString");
        Charset cs = Objects.requireNonNull(charset, "readString: charset is null; pass e.g. StandardCharsets.UTF_8");
        return Asyncio.toThread(() -> cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(Chunked.read(f))).toString());
    }

    /**
     * Writes {@code bytes}: by default creates the file or truncates it ({@code Files.write}'s options).
     * @param file the file to write; not null
     * @param bytes what to write; not null
     * @param options how to open the file; none means {@code CREATE, TRUNCATE_EXISTING, WRITE}
     * @return a task completing when every byte is written; it fails with the write's {@link java.io.IOException}
     */
    public static Task<Void> write(Path file, byte[] bytes, OpenOption... options) {
        Path f = need(file, "write");
        byte[] b = Objects.requireNonNull(bytes, "write: bytes is null; pass new byte[0] for an empty file");
        OpenOption[] o = options.clone();
        return Asyncio.toThread(() -> {
            Chunked.write(f, b, o);
            return null;
        });
    }

    /**
     * Writes {@code text} as UTF-8 (creating or truncating the file by default).
     * @param file the file to write; not null
     * @param text what to write; not null
     * @param options how to open the file; none means {@code CREATE, TRUNCATE_EXISTING, WRITE}
     * @return a task completing when the text is written
     */
    public static Task<Void> writeString(Path file, CharSequence text, OpenOption... options) {
        return writeString(file, text, StandardCharsets.UTF_8, options);
    }

    /**
     * Writes {@code text} in {@code charset}; a character the charset cannot encode fails the task.
     * @param file the file to write; not null
     * @param text what to write; not null
     * @param charset how the text is encoded; not null
     * @param options how to open the file; none means {@code CREATE, TRUNCATE_EXISTING, WRITE}
     * @return a task completing when the text is written; it fails with
     *     {@link java.nio.charset.UnmappableCharacterException} for a character {@code charset} cannot encode
     */
    public static Task<Void> writeString(Path file, CharSequence text, Charset charset, OpenOption... options) {
        Path f = need(file, "writeString");
        CharSequence t = Objects.requireNonNull(text, "writeString: text is null");
        Charset cs = Objects.requireNonNull(charset, "writeString: charset is null; pass e.g. StandardCharsets.UTF_8");
        OpenOption[] o = options.clone();
        return Asyncio.toThread(() -> {
            ByteBuffer bytes = cs.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(t));
            byte[] b = new byte[bytes.remaining()];
            bytes.get(b);
            Chunked.write(f, b, o);
            return null;
        });
    }

    /**
     * Appends {@code bytes}, creating the file if it does not exist.
     * @param file the file to append to; not null
     * @param bytes what to append; not null
     * @return a task completing when every byte is written
     */
    public static Task<Void> append(Path file, byte[] bytes) {
        return write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /**
     * Appends {@code text} as UTF-8, creating the file if it does not exist.
     * @param file the file to append to; not null
     * @param text what to append; not null
     * @return a task completing when the text is written
     */
    public static Task<Void> appendString(Path file, CharSequence text) {
        return writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    /**
     * Copies {@code source} to {@code target} ({@code Files.copy}: fails with
     * {@code FileAlreadyExistsException} unless {@code REPLACE_EXISTING} is given); completes with
     * the size of the copy.
     * @param source the file to copy; not null
     * @param target where the copy goes; not null
     * @param options as {@link java.nio.file.Files#copy(Path, Path, CopyOption...)}, e.g. {@code REPLACE_EXISTING}
     * @return a task completing with the number of bytes copied
     */
    public static Task<Long> copy(Path source, Path target, CopyOption... options) {
        Path s = need(source, "copy (source)");
        Path t = need(target, "copy (target)");
        CopyOption[] o = options.clone();
        return Asyncio.toThread(() -> {
            Files.copy(s, t, o);
            return Files.size(t);
        });
    }

    /**
     * The file's lines, decoded as UTF-8 (line terminators as {@code BufferedReader.readLine}).
     * @param file the file to read; not null
     * @return an async iterable of the lines, without their terminators; use it with {@code Await.each}
     */
    public static AsyncIterable<String> lines(Path file) {
        return lines(file, StandardCharsets.UTF_8);
    }

    /**
     * The file's lines, read in batches on the default executor. The file is opened at the first
     * {@code hasNext()}, closed at the end, on a read error, or by the iterator's {@code closeAsync}
     * (which {@code Await.each} calls when a loop is left early). Each {@code iterator()} reads the
     * file afresh.
     * @param file the file to read; not null
     * @param charset how the bytes are decoded; not null
     * @return an async iterable of the lines, without their terminators; use it with {@code Await.each}
     */
    public static AsyncIterable<String> lines(Path file, Charset charset) {
        Path f = need(file, "lines");
        Charset cs = Objects.requireNonNull(charset, "lines: charset is null; pass e.g. StandardCharsets.UTF_8");
        return () -> new LineIterator(f, cs);
    }

    static Path need(Path p, String what) {
        return Objects.requireNonNull(p, () -> what + ": the path is null");
    }
}
