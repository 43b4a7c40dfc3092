package org.ntrklab.desk.web;

import org.ntrklab.desk.lab.LabApi;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * A service that refuses or does not answer while a page is drawn: the person reads what the service said
 * (its messages never repeat what was sent), with the status it answered. Other exceptions are left to Spring
 * Security and Spring MVC, so that an expired sign-in still leads back to the identity provider.
 */
@ControllerAdvice
class ServiceProblems {

    @ExceptionHandler(LabApi.Refused.class)
    ModelAndView refused(LabApi.Refused e, Model model) {
        HttpStatus status = HttpStatus.resolve(e.status());
        if (status == null || status.is2xxSuccessful() || status.is3xxRedirection()) {
            status = HttpStatus.BAD_GATEWAY;
        }
        ModelAndView page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        page.addObject("detail", e.getMessage());
        return page;
    }
}
