package org.ntrklab.reporting.export;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Primitive;
import ca.uhn.hl7v2.model.v251.datatype.CE;
import ca.uhn.hl7v2.model.v251.datatype.TS;
import ca.uhn.hl7v2.model.v251.group.ORU_R01_ORDER_OBSERVATION;
import ca.uhn.hl7v2.model.v251.message.ORU_R01;
import ca.uhn.hl7v2.model.v251.segment.MSH;
import ca.uhn.hl7v2.model.v251.segment.NTE;
import ca.uhn.hl7v2.model.v251.segment.OBR;
import ca.uhn.hl7v2.model.v251.segment.ORC;
import ca.uhn.hl7v2.model.v251.segment.PID;
import ca.uhn.hl7v2.model.v251.segment.SPM;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Objects;
import org.ntrklab.events.ReportContent;
import org.ntrklab.reporting.export.ExportCodes.Code;

/**
 * Exports a report version as an HL7 v2.5.1 ORU^R01 message (ER7, segments separated by carriage returns):
 * MSH, PID, ORC, OBR, the report's notes (NTE), one OBX per result and the specimen (SPM).
 *
 * <p>The patient is identified only by the LIMS's pseudonymous id in PID-3: the lab never holds names,
 * birth dates or addresses, so PID carries nothing else.
 *
 * <p>Result status (OBR-25, HL7 Table 0123) and observation result status (OBX-11, Table 0085): F for a
 * final report, C for an amended or corrected one (v2.5.1 has no separate code for an amendment), P for a
 * draft that is not yet signed out.
 *
 * <p>Output is deterministic: timestamps come from the report (rendered in UTC) and the message control id
 * from the accession, version and status, never from the clock or a random source.
 *
 * <p>Thread-safe: the shared {@link HapiContext} is only used to create messages and parsers.
 *
 * <p>The OBX segments, where the report's results are coded, are {@link Hl7ObservationSegments}.
 */
public final class Hl7v2ReportExporter {

    public static final String DEFAULT_SENDING_APPLICATION = "NTRK-LAB-WORKFLOW";
    public static final String DEFAULT_SENDING_FACILITY = "NTRK-LAB";

    /** HL7 Table 0396 coding systems. */
    static final String LOINC = "LN";
    static final String HGNC = "HGNC";
    static final String LOCAL = "L";
    /** Local code of the assay concordance statement: LOINC has no code for it. */
    static final Code CONCORDANCE = new Code("NTRK-CONCORDANCE", "Concordance of assay results");

    /** MSH-10 is 20 characters long in v2.5.1. */
    static final int MAX_CONTROL_ID_LENGTH = 20;

    private static final HapiContext HAPI = new DefaultHapiContext();
    private static final DateTimeFormatter DTM =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ").withZone(ZoneOffset.UTC);

    private final String sendingApplication;
    private final String sendingFacility;
    private final String receivingApplication;
    private final String receivingFacility;

    /** Sends as NTRK-LAB-WORKFLOW at NTRK-LAB, to an unnamed receiver. */
    public Hl7v2ReportExporter() {
        this(DEFAULT_SENDING_APPLICATION, DEFAULT_SENDING_FACILITY, "", "");
    }

    public Hl7v2ReportExporter(String sendingApplication, String sendingFacility, String receivingApplication,
            String receivingFacility) {
        this.sendingApplication = Objects.requireNonNullElse(sendingApplication, "");
        this.sendingFacility = Objects.requireNonNullElse(sendingFacility, "");
        this.receivingApplication = Objects.requireNonNullElse(receivingApplication, "");
        this.receivingFacility = Objects.requireNonNullElse(receivingFacility, "");
    }

    /** The ORU^R01 message of one report version, encoded as ER7 (pipe and hat) text. */
    public String toEr7(ReportExport report) {
        try {
            return HAPI.getPipeParser().encode(toMessage(report));
        } catch (HL7Exception e) {
            throw new IllegalStateException("cannot encode the ORU^R01 of " + report.accessionId() + " v"
                    + report.version(), e);
        }
    }

    /** The ORU^R01 (v2.5.1) message of one report version. */
    public Message toMessage(ReportExport report) {
        Objects.requireNonNull(report, "report");
        try {
            return build(report);
        } catch (HL7Exception e) {
            throw new IllegalStateException("cannot build the ORU^R01 of " + report.accessionId() + " v"
                    + report.version(), e);
        }
    }

    private ORU_R01 build(ReportExport report) throws HL7Exception {
        ReportContent content = report.content();
        String status = resultStatus(report);
        String timestamp = DTM.format(report.issuedAt());
        ORU_R01 message = HAPI.newMessage(ORU_R01.class);

        header(message.getMSH(), report, status, timestamp);

        PID pid = message.getPATIENT_RESULT().getPATIENT().getPID();
        pid.getSetIDPID().setValue("1");
        pid.getPatientIdentifierList(0).getIDNumber().setValue(content.getPatientRef());
        pid.getPatientIdentifierList(0).getAssigningAuthority().getNamespaceID().setValue("LIMS");
        pid.getPatientIdentifierList(0).getIdentifierTypeCode().setValue("PI");

        ORU_R01_ORDER_OBSERVATION order = message.getPATIENT_RESULT().getORDER_OBSERVATION();
        ORC orc = order.getORC();
        orc.getOrderControl().setValue("RE");
        orc.getPlacerOrderNumber().getEntityIdentifier().setValue(content.getOrderId());
        orc.getFillerOrderNumber().getEntityIdentifier().setValue(report.accessionId());

        OBR obr = order.getOBR();
        obr.getSetIDOBR().setValue("1");
        obr.getPlacerOrderNumber().getEntityIdentifier().setValue(content.getOrderId());
        obr.getFillerOrderNumber().getEntityIdentifier().setValue(report.accessionId());
        code(obr.getUniversalServiceIdentifier(), ExportCodes.MASTER_PANEL, LOINC);
        time(obr.getObservationDateTime(), timestamp);
        time(obr.getResultsRptStatusChngDateTime(), timestamp);
        obr.getResultStatus().setValue(status);
        if (report.isSigned()) {
            obr.getPrincipalResultInterpreter().getNDLName().getIDNumber().setValue(report.signedOutBy());
        }

        Notes notes = new Notes(order);
        report.revisionNote().ifPresent(notes::add);
        for (String limitation : content.getLimitations()) {
            notes.add(limitation);
        }
        if (content.getRuleSetVersion() != null) {
            notes.add("Interpretation rules: " + content.getRuleSetVersion() + ".");
        }

        new Hl7ObservationSegments(message, order, status).addResults(content);

        // v2.5.1 ORU_R01 carries the specimen in the SPECIMEN group of ORDER_OBSERVATION. SPM-4 (specimen
        // type) is left empty: the report content does not carry it.
        SPM spm = order.getSPECIMEN().getSPM();
        spm.getSetIDSPM().setValue("1");
        spm.getSpecimenID().getPlacerAssignedIdentifier().getEntityIdentifier().setValue(content.getSpecimenId());
        return message;
    }

    private void header(MSH msh, ReportExport report, String status, String timestamp) throws HL7Exception {
        msh.getFieldSeparator().setValue("|");
        msh.getEncodingCharacters().setValue("^~\\&");
        setIfPresent(msh.getSendingApplication().getNamespaceID(), sendingApplication);
        setIfPresent(msh.getSendingFacility().getNamespaceID(), sendingFacility);
        setIfPresent(msh.getReceivingApplication().getNamespaceID(), receivingApplication);
        setIfPresent(msh.getReceivingFacility().getNamespaceID(), receivingFacility);
        time(msh.getDateTimeOfMessage(), timestamp);
        msh.getMessageType().getMessageCode().setValue("ORU");
        msh.getMessageType().getTriggerEvent().setValue("R01");
        msh.getMessageType().getMessageStructure().setValue("ORU_R01");
        msh.getMessageControlID().setValue(controlId(report.accessionId(), report.version(), status));
        msh.getProcessingID().getProcessingID().setValue("P");
        msh.getVersionID().getVersionID().setValue("2.5.1");
        // Free text (interpretation, limitations, revision notes) may hold characters beyond ASCII.
        msh.getCharacterSet(0).setValue("UNICODE UTF-8");
    }

    /**
     * MSH-10: {@code <accessionId>-<version><result status>}, e.g. {@code NT26-03-000123-2F}, readable and
     * unique per exported state of a version (a draft, P, and its signed-out F or C differ), and the same
     * on a re-send so a receiver can recognise a duplicate. When that does not fit the 20 characters of
     * v2.5.1, {@code H} followed by the first 19 hex digits of the SHA-256 of the same three parts.
     */
    static String controlId(String accessionId, int version, String resultStatus) {
        String readable = accessionId + "-" + version + resultStatus;
        if (readable.length() <= MAX_CONTROL_ID_LENGTH) {
            return readable;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((accessionId + "|" + version + "|" + resultStatus).getBytes(StandardCharsets.UTF_8));
            return "H" + HexFormat.of().withUpperCase().formatHex(digest).substring(0, MAX_CONTROL_ID_LENGTH - 1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** OBR-25 (Table 0123) and OBX-11 (Table 0085). */
    static String resultStatus(ReportExport report) {
        if (report.isDraft()) {
            return "P";
        }
        switch (report.status()) {
            case FINAL:
                return "F";
            case AMENDED:
            case CORRECTED:
                return "C";
            default:
                throw new IllegalArgumentException("unmapped report status " + report.status());
        }
    }

    static void code(CE ce, Code code, String system) throws HL7Exception {
        ce.getIdentifier().setValue(code.code());
        ce.getText().setValue(code.display());
        ce.getNameOfCodingSystem().setValue(system);
    }

    private static void time(TS ts, String dtm) throws HL7Exception {
        ts.getTime().setValue(dtm);
    }

    private static void setIfPresent(Primitive field, String value) throws HL7Exception {
        if (!value.isBlank()) {
            field.setValue(value);
        }
    }

    /** Splits free text into lines: a line break inside a field would end the segment in ER7. */
    static String[] lines(String text) {
        return text.split("\\r\\n|\\r|\\n", -1);
    }

    /** NTE segments under the OBR, numbered from 1; a multi-line note repeats NTE-3 once per line. */
    private static final class Notes {
        private final ORU_R01_ORDER_OBSERVATION order;

        Notes(ORU_R01_ORDER_OBSERVATION order) {
            this.order = order;
        }

        void add(String text) {
            try {
                int n = order.getNTEReps();
                NTE nte = order.getNTE(n);
                nte.getSetIDNTE().setValue(String.valueOf(n + 1));
                nte.getSourceOfComment().setValue("L");
                String[] lines = lines(text);
                for (int i = 0; i < lines.length; i++) {
                    nte.getComment(i).setValue(lines[i]);
                }
            } catch (HL7Exception e) {
                throw new IllegalStateException("cannot add an NTE", e);
            }
        }
    }
}
