package org.ntrklab.desk.print;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A report version as a PDF, from the same XHTML the print view shows, with the DejaVu fonts embedded so that
 * every character (arrows, primes, non-Latin names of places) prints as it reads on screen.
 */
public final class ReportPdf {

    static final String FONT_FAMILY = "DejaVu Sans";

    private ReportPdf() {
    }

    /** @param xhtml a well-formed XHTML document (the print template is written as one) */
    public static byte[] render(String xhtml) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            new PdfRendererBuilder()
                    .useFastMode()
                    .useFont(() -> font("DejaVuSans.ttf"), FONT_FAMILY)
                    .useFont(() -> font("DejaVuSans-Bold.ttf"), FONT_FAMILY, 700, BaseRendererBuilder.FontStyle.NORMAL,
                            true)
                    // The document is complete in itself (styles inline, fonts given above): the renderer may
                    // fetch nothing, whatever a report's text might contain.
                    .useExternalResourceAccessControl((uri, type) -> false,
                            ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI)
                    .useExternalResourceAccessControl((uri, type) -> false,
                            ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI)
                    .withHtmlContent(xhtml, null)
                    .toStream(out)
                    .run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("the PDF could not be written", e);
        }
    }

    private static InputStream font(String file) {
        InputStream in = ReportPdf.class.getResourceAsStream("/ntrk-desk/fonts/" + file);
        if (in == null) {
            throw new IllegalStateException("font " + file + " missing from the desk's class path");
        }
        return in;
    }
}
