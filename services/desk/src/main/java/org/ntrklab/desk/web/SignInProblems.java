package org.ntrklab.desk.web;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

/** What a person reads when signing in did not work, instead of being sent round to the identity provider again. */
@Controller
public final class SignInProblems {

    /** Open to everyone: the person is not signed in when they land here. */
    public static final String FAILED = "/desk/sign-in-failed";
    /** The worklist's query parameter saying that a form came from a session that had ended. */
    public static final String SESSION_ENDED = "session-ended";

    @GetMapping(FAILED)
    @ResponseStatus(HttpStatus.UNAUTHORIZED)
    String failed(Model model) {
        model.addAttribute("status", HttpStatus.UNAUTHORIZED.value());
        model.addAttribute("detail", "Signing in did not succeed. Try again; if it keeps failing, tell the lab's"
                + " IT team the time it happened.");
        return "error";
    }
}
