package wales.gov.grants.kernel;

import java.util.List;
import java.util.function.Function;

/** One page of a longer list, with the total so a client can page through it. */
public record Page<T>(List<T> items, long total, int limit, long offset) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public Page {
        items = List.copyOf(items);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), total, limit, offset);
    }

    public boolean hasNext() {
        return offset + items.size() < total;
    }

    /** A request for a page: limit 1..500 (default 50), offset ≥ 0. */
    public record Request(int limit, long offset) {
        /** Parses the {@code limit} and {@code offset} query parameters as a client sent them. */
        public static Request parse(String limit, String offset) {
            Validator validator = new Validator();
            Integer parsedLimit = null;
            Long parsedOffset = null;
            try {
                parsedLimit = limit == null ? null : Integer.valueOf(limit.strip());
            } catch (NumberFormatException e) {
                validator.reject("limit", "must be a whole number between 1 and " + MAX_LIMIT);
            }
            try {
                parsedOffset = offset == null ? null : Long.valueOf(offset.strip());
            } catch (NumberFormatException e) {
                validator.reject("offset", "must be a whole number, zero or more");
            }
            validator.throwIfInvalid();
            return of(parsedLimit, parsedOffset);
        }

        public static Request of(Integer limit, Long offset) {
            Validator validator = new Validator();
            int effectiveLimit = limit == null ? DEFAULT_LIMIT : limit;
            long effectiveOffset = offset == null ? 0 : offset;
            validator.check(effectiveLimit >= 1 && effectiveLimit <= MAX_LIMIT, "limit", "must be between 1 and " + MAX_LIMIT);
            validator.check(effectiveOffset >= 0, "offset", "must not be negative");
            validator.throwIfInvalid();
            return new Request(effectiveLimit, effectiveOffset);
        }
    }
}
