package org.asyncio4j.it;

import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Task;

/** Base of the blueprints: a log, and the tasks they await in the chosen {@link Src.Mode}. */
public class Fixture {
    final List<String> log = new ArrayList<>();
    Src.Mode mode = Src.Mode.DONE;

    /** A task of {@code value}, done or pending according to the mode. */
    <T> Task<T> v(T value) {
        return Src.of(mode, value);
    }

    /** A task failing with {@code error}, now or later according to the mode. */
    <T> Task<T> boom(Throwable error) {
        return Src.failing(mode, error);
    }

    void log(Object s) {
        log.add(String.valueOf(s));
    }

    <F extends Fixture> F in(Src.Mode m) {
        this.mode = m;
        @SuppressWarnings("unchecked")
        F self = (F) this;
        return self;
    }
}
