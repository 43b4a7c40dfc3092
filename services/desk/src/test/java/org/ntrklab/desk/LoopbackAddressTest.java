package org.ntrklab.desk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The lab stack's identity provider accepts the desk's sign-in on 127.0.0.1 at any port (RFC 8252 7.3), not on
 * "localhost": a person who typed localhost is moved to 127.0.0.1 before signing in, keeping port, path and query.
 */
class LoopbackAddressTest {

    private final LoopbackAddress filter = new LoopbackAddress();

    @Test
    void aPageAskedForAtLocalhostMovesToTheLoopbackAddressKeepingPortPathAndQuery() throws Exception {
        MockHttpServletResponse response = run("GET", "localhost", "/desk/cases/NT26-01-000001", "call=POSITIVE");
        assertThat(response.getRedirectedUrl()).isEqualTo("http://127.0.0.1:8187/desk/cases/NT26-01-000001?call=POSITIVE");
    }

    @Test
    void theLoopbackAddressItselfAndOtherNamesAreServedAsAsked() throws Exception {
        assertThat(run("GET", "127.0.0.1", "/desk/", null).getRedirectedUrl()).isNull();
        assertThat(run("GET", "desk.lab.example", "/desk/", null).getRedirectedUrl()).isNull();
    }

    @Test
    void aFormSentToLocalhostIsNotRedirectedAndSoNeverResentByTheBrowser() throws Exception {
        assertThat(run("POST", "localhost", "/desk/cases/NT26-01-000001/sign-out", null).getRedirectedUrl()).isNull();
    }

    @Test
    void anAddressThatIsNotValidlyEncodedIsAnsweredWhereItWasAsked() throws Exception {
        MockHttpServletResponse response = run("GET", "localhost", "/desk/", "q=%zz");
        assertThat(response.getRedirectedUrl()).isNull();
    }

    private MockHttpServletResponse run(String method, String host, String path, String query) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setServerName(host);
        request.setServerPort(8187);
        request.setQueryString(query);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }
}
