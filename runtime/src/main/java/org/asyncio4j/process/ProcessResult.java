package org.asyncio4j.process;

import java.nio.charset.StandardCharsets;

/**
 * What {@link Subprocess#communicate} returns: everything the process wrote to stdout and stderr
 * (empty arrays for streams that were not piped) and its exit code (negative signal number if a
 * signal ended it, as asyncio).
 * @param stdout every byte the process wrote to stdout (empty if not piped)
 * @param stderr every byte the process wrote to stderr (empty if not piped or merged into stdout)
 * @param exitCode the exit code; -N if signal N ended the process
 */
public record ProcessResult(byte[] stdout, byte[] stderr, int exitCode) {
    /**
     * stdout decoded as UTF-8.
     * @return the text the process wrote to stdout (malformed bytes become U+FFFD)
     */
    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    /**
     * stderr decoded as UTF-8.
     * @return the text the process wrote to stderr (malformed bytes become U+FFFD)
     */
    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ProcessResult[exitCode=" + exitCode + ", stdout=" + stdout.length + " bytes, stderr=" + stderr.length + " bytes]";
    }
}
