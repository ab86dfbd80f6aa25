/**
 * A domain-free layout engine for long, archival PDF documents (the audit packs): {@link
 * wales.gov.grants.pdf.DocumentWriter} streams headings, paragraphs, key/value lists and tables onto A4 pages from
 * top to bottom, with bookmarks, "Page X of Y" footers, embedded files and PDF/A-3b metadata, and writes the same
 * bytes for the same input. It knows nothing of grants: the pack renderer decides what goes in and in which
 * language, so this package imports no other {@code wales.gov.grants} package.
 */
package wales.gov.grants.pdf;
