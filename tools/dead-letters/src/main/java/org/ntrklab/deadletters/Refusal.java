package org.ntrklab.deadletters;

/** Something the command will not do as asked (exit code 2): an unknown topic, an unsafe re-drive target. */
final class Refusal extends RuntimeException {

    Refusal(String message) {
        super(message);
    }
}
