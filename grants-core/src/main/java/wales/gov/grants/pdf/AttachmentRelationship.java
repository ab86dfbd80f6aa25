package wales.gov.grants.pdf;

/** How an embedded file relates to the document (PDF/A-3's {@code /AFRelationship}). */
public enum AttachmentRelationship {
    /** The original a part of the document was made from, such as an evidence file. */
    SOURCE("Source"),
    /** Machine-readable data the document presents, such as a pack's JSON. */
    DATA("Data"),
    ALTERNATIVE("Alternative"),
    SUPPLEMENT("Supplement"),
    UNSPECIFIED("Unspecified");

    private final String pdfName;

    AttachmentRelationship(String pdfName) {
        this.pdfName = pdfName;
    }

    String pdfName() {
        return pdfName;
    }
}
