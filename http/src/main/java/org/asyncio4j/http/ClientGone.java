package org.asyncio4j.http;

/** The client closed its connection: nothing more to answer (not an error of the server). */
final class ClientGone extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ClientGone(String message) {
        super(message, null, false, false);
    }
}
