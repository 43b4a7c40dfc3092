package org.ntrklab.desk.web;

import org.ntrklab.desk.DeskProperties;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every page knows who is signed in and how often live parts refresh. */
@ControllerAdvice
class PersonAdvice {

    private final DeskProperties settings;
    private final DeskFormat format;

    PersonAdvice(DeskProperties settings, DeskFormat format) {
        this.settings = settings;
        this.format = format;
    }

    /** How times and codes are written, as {@code fmt} in every template. */
    @ModelAttribute("fmt")
    DeskFormat format() {
        return format;
    }

    @ModelAttribute("person")
    Person person(Authentication authentication) {
        return Person.of(authentication);
    }

    @ModelAttribute("refreshSeconds")
    long refreshSeconds() {
        return settings.worklistRefresh().toSeconds();
    }
}
