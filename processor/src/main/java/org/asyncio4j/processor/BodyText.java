package org.asyncio4j.processor;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of one resume method's body, written line by line with its indentation, and the map of
 * its lines to the user's source lines (read from where each statement's {@code // Foo.java:N}
 * comment goes). {@link MachineWriter} writes the body here instead of through JavaPoet: a body is
 * most of a generated file, and JavaPoet parses every format string and splits every emitted
 * literal with a regular expression, twice per file (benchmarks/ANALYSIS.md, "W7 compile time,
 * session of 2026-12-04 afternoon"). The layout is JavaPoet's: four spaces per level, the
 * continuation lines of copied multi-line code indented by the current level on top of their own
 * indentation, blank lines left empty.
 */
final class BodyText {
    private static final String INDENT = "    ";

    private final StringBuilder text = new StringBuilder();
    private final String fileName;
    private int level;
    private int lines;
    /** Pairs (line of this body from 0, line of the user's source). */
    private final List<Integer> map = new ArrayList<>();

    /** {@code level}: the indentation of the body's first line, in levels. */
    BodyText(String fileName, int level) {
        this.fileName = fileName;
        this.level = level;
    }

    /** One line (or several, if {@code s} holds line breaks) at the current level. */
    BodyText line(String s) {
        int start = 0;
        int n = s.length();
        while (true) {
            int end = start;
            while (end < n && s.charAt(end) != '\n' && s.charAt(end) != '\r') {
                end++;
            }
            if (end > start) {
                for (int i = 0; i < level; i++) {
                    text.append(INDENT);
                }
                text.append(s, start, end);
            }
            text.append('\n');
            lines++;
            if (end >= n) {
                return this;
            }
            start = end + (s.charAt(end) == '\r' && end + 1 < n && s.charAt(end + 1) == '\n' ? 2 : 1);
        }
    }

    /** {@code s} followed by the comment naming source line {@code line}; the comment's line maps to it. */
    BodyText mapped(String s, int line) {
        line(s + " // " + fileName + ":" + line);
        map.add(lines - 1);
        map.add(line);
        return this;
    }

    /**
     * A copied statement and its source line: on one line with the comment after it, or, if the copy
     * spans lines, the comment first ("N-M" when the copy's lines are the source's one for one, each then mapped).
     */
    BodyText statement(String s, int line, int lastLine) {
        if (s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return mapped(s, line);
        }
        boolean oneForOne = lastLine > line;
        line("// " + fileName + ":" + line + (oneForOne ? "-" + lastLine : ""));
        int comment = lines - 1;
        map.add(comment);
        map.add(line);
        if (oneForOne) {
            for (int k = 0; k <= lastLine - line; k++) {
                map.add(comment + 1 + k);
                map.add(line + k);
            }
        }
        return line(s);
    }

    /** {@code header {} and one level in. */
    BodyText open(String header) {
        line(header + " {");
        level++;
        return this;
    }

    /** One level out and {@code }}. */
    BodyText close() {
        level--;
        return line("}");
    }

    /** One level out, {@code } header {} and one level in (else, catch). */
    BodyText reopen(String header) {
        level--;
        line("} " + header + " {");
        level++;
        return this;
    }

    BodyText indent() {
        level++;
        return this;
    }

    BodyText unindent() {
        level--;
        return this;
    }

    /** Text already indented, one line or more, without its final line break. */
    BodyText raw(String s) {
        text.append(s).append('\n');
        lines++;
        for (int i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) {
            lines++;
        }
        return this;
    }

    /** An empty line. */
    BodyText blank() {
        text.append('\n');
        lines++;
        return this;
    }

    /** Appends {@code body}'s text; returns the line (from 0) of this text where it starts. */
    int embed(BodyText body) {
        int at = lines;
        text.append(body.text);
        lines += body.lines;
        return at;
    }

    int level() {
        return level;
    }

    String text() {
        return text.toString();
    }

    int lineCount() {
        return lines;
    }

    /** Pairs (line of this body from 0, source line), in order. */
    List<Integer> lineMap() {
        return map;
    }
}
