package org.asyncio4j.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The user's source file as the reading stages see it: its text, and the positions and lines of its
 * trees ({@link NodeText} copies the text of the model's nodes back into code).
 */
final class Source {
    final CompilationUnitTree cu;
    final SourcePositions positions;
    final String text;
    final String fileName;

    Source(CompilationUnitTree cu, SourcePositions positions) {
        this.cu = cu;
        this.positions = positions;
        try {
            this.text = cu.getSourceFile().getCharContent(true).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + cu.getSourceFile().getName(), e);
        }
        String n = cu.getSourceFile().getName();
        this.fileName = n.substring(Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\')) + 1);
    }

    long start(Tree t) {
        return positions.getStartPosition(cu, t);
    }

    long end(Tree t) {
        return positions.getEndPosition(cu, t);
    }

    boolean hasPosition(Tree t) {
        return t != null && start(t) >= 0 && end(t) > start(t);
    }

    /** The line of the last character of {@code t}, or 0 without a position. */
    int endLine(Tree t) {
        long e = end(t);
        return e <= 0 ? 0 : (int) cu.getLineMap().getLineNumber(e - 1);
    }

    /** The line of the character at {@code pos}, or 0 for no position. */
    int lineOf(long pos) {
        return pos < 0 ? 0 : (int) cu.getLineMap().getLineNumber(pos);
    }

    int line(Tree t) {
        long s = start(t);
        return s < 0 ? 0 : (int) cu.getLineMap().getLineNumber(s);
    }

    String slice(Tree t) {
        long s = start(t);
        long e = end(t);
        if (s < 0 || e < s) {
            return t.toString(); // synthesized tree without positions: javac's printer
        }
        return text.substring((int) s, (int) e);
    }
}
