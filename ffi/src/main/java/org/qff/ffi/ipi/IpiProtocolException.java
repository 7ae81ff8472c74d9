package org.qff.ffi.ipi;

import java.io.IOException;

/**
 * The i-PI peer broke the protocol: a malformed or unknown header, an impossible size, a message
 * cut short, a wrong atom count, or no answer within the timeout. The message says which.
 */
public class IpiProtocolException extends IOException {
    public IpiProtocolException(String message) {
        super(message);
    }

    public IpiProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
