package org.asyncio4j.processor;

import java.util.ArrayList;
import java.util.List;

/**
 * The control-flow graph of one {@code @Async} body: basic blocks of straight-line code, split at
 * every await and at every branch of lowered control flow. Each block becomes one {@code case} of
 * the resume method's dispatch switch; the block's number is the machine's state.
 */
final class Cfg {
    final List<Block> blocks = new ArrayList<>();
    /** Fields the lowering needs beside hoisted locals: name -> declared type text. */
    final List<String[]> syntheticFields = new ArrayList<>();

    Block newBlock(Handler handler) {
        Block b = new Block(handler);
        blocks.add(b);
        return b;
    }

    /** Where an exception raised in a block goes: a handler block and the field that receives it. */
    record Handler(Block target, String exField) {}

    static final class Block {
        /** Assigned in the order blocks start to be filled, i.e. source order; -1 while unused. */
        int id = -1;
        final Handler handler;
        final List<Ins> code = new ArrayList<>();
        int line;
        boolean terminated;

        Block(Handler handler) {
            this.handler = handler;
        }

        @Override
        public String toString() {
            return "B" + id;
        }
    }

    /** Instructions. Their code is {@link JavaText}: locals in it are typed references. */
    sealed interface Ins {}

    /**
     * A statement. Locals that lambdas or classes in it capture travel as CAPTURE references in the
     * text itself, so they follow the text to whichever block emits it.
     */
    record Code(JavaText text, int line, int lastLine) implements Ins {
        Code(JavaText text, int line) {
            this(text, line, 0);
        }
    }

    /** Declares a local: {@code T x = init;} if it stays local, {@code m.x = init;} if hoisted. */
    record Decl(Local local, JavaText init, int line) implements Ins {}

    /** Clears a hoisted reference local going out of scope (no garbage kept by loops). */
    record Clear(Local local) implements Ins {}

    /** {@code goto target}. Terminator. */
    record Jump(Block target) implements Ins {}

    /** {@code if (cond) goto target}; {@code line} is the statement that branches (its condition's line). */
    record Branch(JavaText cond, Block target, int line) implements Ins {}

    /** {@code if (m.await(task, resume)) return;}. Terminator; {@code resume} is emitted next. */
    record Suspend(JavaText task, Block resume, int line) implements Ins {}

    /** {@code Await.yield(value)} in a generator: {@code m.emit(value, resume); return;}. Terminator. */
    record Yield(JavaText value, Block resume, int line) implements Ins {}

    /** A statement after which control does not continue ({@code return;}, {@code throw e;}). Terminator. */
    record Exit(JavaText text, int line) implements Ins {}

    /** Sets a finally's continuation field: the block to go to after it, or -1 to rethrow. */
    record FinSet(String field, Block target) implements Ins {}

    /** End of a lowered finally: rethrow the pending exception or continue at the saved block. Terminator. */
    record FinEnd(String finField, String exField) implements Ins {}

    /**
     * A switch dispatching to blocks: per case, its labels ({@code 1, 2}; {@code String s when s.isEmpty()};
     * null for {@code default}), whose pattern bindings are stored on the way; {@code fallback} when no label
     * matches (null: none). Terminator.
     */
    record Dispatch(JavaText selector, List<JavaText> labels, List<Block> targets, Block fallback, int line)
            implements Ins {}

    static boolean terminates(Ins i) {
        return i instanceof Jump || i instanceof Suspend || i instanceof Yield || i instanceof Exit || i instanceof FinEnd
                || i instanceof Dispatch;
    }
}
