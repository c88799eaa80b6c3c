package org.asyncio4j.processor;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.asyncio4j.processor.Cfg.Block;
import org.asyncio4j.processor.Cfg.Handler;

/**
 * Lowering of protected regions: try/catch/finally (finally routes: the block to continue at, or
 * rethrow) and try-with-resources (AutoCloseable closed as usual, AsyncCloseable exited by awaiting
 * closeAsync with the pending exception).
 */
final class TryLowering extends LoweringPart {
    TryLowering(Lowering lowering) {
        super(lowering);
    }


    /** For synchronized blocks kept as they are: their returns still complete the task. */
    Map<Node, String> returnsInside(Node t) {
        Map<Node, String> out = new IdentityHashMap<>();
        t.forEachInBody(n -> {
            if (n.kind == Node.Kind.RETURN) {
                out.put(n, "{ " + machine + ".returnTask(" + render(n.expression) + "); return; }");
            }
        });
        return out;
    }

    // ------------------------------------------------------------------ try

    void tryStatement(Node s) {
        List<Node> resources = s.resources;
        boolean plain = s.catches.isEmpty() && s.finallyBlock == null;
        if (!resources.isEmpty() && plain) {
            withResources(resources, 0, s.block);
            return;
        }
        Runnable body = resources.isEmpty() ? () -> block(s.block, false) : () -> withResources(resources, 0, s.block);
        tryCore(body, s.catches, s.finallyBlock, s);
    }

    void tryCore(Runnable body, List<Node> catches, Node finallyBlock, Node at) {
        int k = ++state.tries;
        String ex = field("$ex", "java.lang.Throwable");
        String fin = finallyBlock != null ? field("$fin", "int") : null;
        Handler outer = state.handler;
        Block after = newBlock();
        Block fe = finallyBlock != null ? state.cfg.newBlock(outer) : null;
        Block fx = finallyBlock != null ? state.cfg.newBlock(outer) : null;
        Handler catchH = finallyBlock != null ? new Handler(fx, ex) : outer;
        Block dispatch = catches.isEmpty() ? null : state.cfg.newBlock(catchH);
        Handler bodyH = new Handler(dispatch != null ? dispatch : fx, ex);
        if (finallyBlock != null) {
            state.fins.add(new LoweringState.Fin(fe, fin, ex));
        }
        state.handler = bodyH;
        start(state.cfg.newBlock(bodyH));
        body.run();
        state.handler = outer;
        leaveProtected(fin, after, fe);
        if (dispatch != null) {
            state.handler = catchH;
            start(dispatch);
            clearDeclaredIn(at); // an exception left the try block: its locals are dead
            List<Block> catchBlocks = new ArrayList<>();
            for (Node c : catches) {
                Block cb = state.cfg.newBlock(catchH);
                catchBlocks.add(cb);
                List<String> tests = new ArrayList<>();
                for (String type : catchTypes(c)) {
                    tests.add(machineField(ex) + " instanceof " + type);
                }
                branch(String.join(" || ", tests), cb);
            }
            if (fin != null) {
                add(new Cfg.FinSet(fin, null));
                jump(fe);
            } else {
                exit("throw " + machineField(ex) + ";", at);
            }
            for (int i = 0; i < catches.size(); i++) {
                Node c = catches.get(i);
                start(catchBlocks.get(i));
                Local p = c.parameter.local;
                // a multi-catch parameter's type (the alternatives' lub) is filled in by the writer
                String castTo = p.typeText != null ? p.typeText : p.typeRef();
                add(new Cfg.Decl(p, javaText("(" + castTo + ") " + machineField(ex)), line(c)));
                block(c.block, false);
                if (!state.cur.terminated) {
                    add(new Cfg.Clear(p));
                }
                leaveProtected(fin, after, fe);
            }
            state.handler = outer;
        }
        if (finallyBlock != null) {
            state.fins.remove(state.fins.size() - 1);
            start(fx);
            clearDeclaredIn(at); // an exception left the try statement's blocks: their locals are dead
            add(new Cfg.FinSet(fin, null));
            jump(fe);
            start(fe);
            block(finallyBlock, false);
            if (!state.cur.terminated) {
                add(new Cfg.FinEnd(fin, ex));
            }
        }
        start(after);
        if (finallyBlock == null) {
                add(new Cfg.Code(javaText(machineField(ex) + " = null;"), state.currentLine)); // the handled exception is garbage now
            }
        assert k > 0;
    }

    void leaveProtected(String fin, Block after, Block fe) {
        if (state.cur.terminated) {
            return;
        }
        if (fin != null) {
            add(new Cfg.FinSet(fin, after));
            jump(fe);
        } else {
            jump(after);
        }
    }

    List<String> catchTypes(Node c) {
        Node type = c.parameter.type;
        List<String> out = new ArrayList<>();
        if (type.kind == Node.Kind.UNION_TYPE) {
            for (Node alt : type.typeAlternatives) {
                out.add(alt.text());
            }
        } else {
            out.add(type.text());
        }
        return out;
    }

    /**
     * A protected region whose every way out runs an exit that may await (an AsyncCloseable's
     * closeAsync, an async iterator's close): the pending exception in {@code ex} (null on a normal
     * exit), the continuation in {@code fin}, the exit's code starting at {@code exit}.
     */
    record Region(String ex, String fin, Block after, Block exit, Block onException, Handler outer) {}

    /** Opens a region at {@code at}: its body's blocks route exceptions to the region's exit. */
    Region openRegion(Node at) {
        ++state.tries;
        String ex = field("$ex", "java.lang.Throwable");
        String fin = field("$fin", "int");
        code(machineField(ex) + " = null;", at);
        Handler outer = state.handler;
        Region r = new Region(ex, fin, newBlock(), state.cfg.newBlock(outer), state.cfg.newBlock(outer), outer);
        state.fins.add(new LoweringState.Fin(r.exit(), fin, ex));
        state.handler = new Handler(r.onException(), ex);
        return r;
    }

    /**
     * Ends the region's body: a normal end goes on to the exit with nothing pending; an exception
     * clears the locals declared in {@code body} and goes to the exit with itself pending. Leaves the
     * lowering at the start of the exit code, which the caller writes and ends with {@link #endRegion}.
     */
    void leaveRegionBody(Region r, Node body) {
        state.handler = r.outer();
        leaveProtected(r.fin(), r.after(), r.exit());
        state.fins.remove(state.fins.size() - 1);
        start(r.onException());
        clearDeclaredIn(body); // the exception left the body: its locals are dead
        add(new Cfg.FinSet(r.fin(), null));
        jump(r.exit());
        start(r.exit());
    }

    /** After the exit's code: rethrow what is pending, or go on after the region. */
    void endRegion(Region r) {
        add(new Cfg.FinEnd(r.fin(), r.ex()));
        start(r.after());
    }

    /**
     * try-with-resources, one resource at a time (JLS 14.20.3): the resource is closed on every way
     * out; an {@code AsyncCloseable} is exited by awaiting {@code closeAsync(pending)}, whose failure
     * replaces the pending exception; an {@code AutoCloseable}'s close failure is added as suppressed.
     */
    void withResources(List<Node> resources, int i, Node body) {
        if (i == resources.size()) {
            block(body, false);
            return;
        }
        Node res = resources.get(i);
        String rText;
        Local declared = null;
        if (res.kind == Node.Kind.VARIABLE) {
            variable(res);
            declared = res.local;
            rText = declared.ref();
        } else {
            rText = expr(res);
        }
        TryLowering.Region r = openRegion(res);
        start(state.cfg.newBlock(state.handler));
        withResources(resources, i + 1, body);
        leaveRegionBody(r, body); // (not this resource, on an exception: it is closed next)
        Block fend = newBlock();
        Block sync = newBlock();
        branch(rText + " == null", fend);
        // through Object: a resource of a final class that is not AsyncCloseable makes both the
        // instanceof and the cast compile errors otherwise (found by fuzz seed 20261122)
        branch("!((java.lang.Object) " + rText + " instanceof " + ASYNC_CLOSEABLE + ")", sync);
        suspend("((" + ASYNC_CLOSEABLE + ") (java.lang.Object) " + rText + ").closeAsync(" + machineField(r.ex()) + ")", res);
        code(awaitedText() + ";", res);
        jump(fend);
        start(sync);
        code("if (" + machineField(r.ex()) + " != null) { try { " + rText + ".close(); } catch (java.lang.Throwable $closeFailure) { "
                + machineField(r.ex()) + ".addSuppressed($closeFailure); } } else { " + rText + ".close(); }", res);
        start(fend);
        endRegion(r);
        if (declared != null) {
            add(new Cfg.Clear(declared));
        }
    }
}
