package wales.gov.grants.samples;

/**
 * An auditor's request for a sample, as received: {@code size} a JSON integer, {@code seed} absent (a random one is
 * drawn and recorded), a JSON integer or a string of decimal digits, in the signed 64-bit range. The fields are
 * untyped so that {@link SampleService} can say what is wrong with each, whatever the client sent.
 */
public record NewSample(Object size, Object seed) {
}
