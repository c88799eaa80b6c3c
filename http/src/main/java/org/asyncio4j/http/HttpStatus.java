package org.asyncio4j.http;

import org.eclipse.jetty.http.HttpStatus.Code;

/** Reason phrases, from Jetty's table so that every code has the standard one. */
final class HttpStatus {
    private HttpStatus() {}

    static String reason(int status) {
        Code c = org.eclipse.jetty.http.HttpStatus.getCode(status);
        return c == null ? "Status " + status : c.getMessage();
    }
}
